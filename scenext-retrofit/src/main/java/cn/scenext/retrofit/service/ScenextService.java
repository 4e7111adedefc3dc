package cn.scenext.retrofit.service;

import cn.scenext.api.GenerateVideoRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import retrofit2.Call;
import retrofit2.Converter;
import retrofit2.converter.jackson.JacksonConverterFactory;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;

/**
 * The Scenext API as a Retrofit interface, for teams that already wire Retrofit themselves and want the two
 * endpoints typed, with their own OkHttp client, interceptors and call adapters. It is plain Retrofit: no
 * retries, no waiting, no typed errors; {@code ScenextClient} (scenext-core) gives those on any transport.
 *
 * <pre>{@code
 * Retrofit retrofit = new Retrofit.Builder()
 *         .baseUrl("https://api.scenext.cn/")
 *         .client(okHttpClientThatAddsTheBearerToken)
 *         .addConverterFactory(ScenextService.converterFactory())
 *         .build();
 * ScenextService scenext = retrofit.create(ScenextService.class);
 * String taskId = scenext.generateVideo(GenerateVideoRequest.ofQuestion("Why is the sky blue?"))
 *         .execute().body().data().get().taskId();
 * }</pre>
 */
public interface ScenextService {

    /**
     * Creates a video task. Creating a task costs credits: do not retry this call blindly after a failure in
     * which the request may have reached the service.
     *
     * @param request what to make a video of, written as the API's JSON by {@link #converterFactory()}
     * @return the call; its body holds the new task's id
     */
    @POST("api/gen_video")
    Call<ScenextEnvelope<CreatedTask>> generateVideo(@Body GenerateVideoRequest request);

    /**
     * Reads a task's status.
     *
     * @param taskId the task's id, sent as one path segment: {@code /}, {@code ?}, {@code #}, {@code %} and
     *     spaces are percent-encoded, never read as URL structure
     * @return the call; its body holds the status
     */
    @GET("api/get_status/{task_id}")
    Call<ScenextEnvelope<TaskStatusData>> getStatus(@Path(value = "task_id", encoded = false) String taskId);

    /**
     * The Jackson converter for this interface: writes {@link GenerateVideoRequest} as the API expects, reads
     * responses tolerating unknown fields.
     *
     * @return a converter factory to add to the {@code Retrofit.Builder}
     */
    static Converter.Factory converterFactory() {
        return JacksonConverterFactory.create(objectMapper());
    }

    /**
     * The object mapper behind {@link #converterFactory()}, for teams that register it with their own.
     *
     * @return a new, configured mapper
     */
    static ObjectMapper objectMapper() {
        return ServiceJson.objectMapper();
    }
}
