package cn.scenext.benchmarks.raw;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.Path;
import retrofit2.http.Streaming;
import retrofit2.http.Url;

/** A Retrofit interface returning {@code okhttp3.ResponseBody}, on Retrofit's default OkHttp client. */
final class RetrofitRawClient implements RawClient {
    /** The endpoint as a team would declare it, without a converter. */
    interface StatusApi {
        @GET("api/get_status/{id}")
        Call<ResponseBody> getStatus(@Path("id") String id, @Header("Authorization") String authorization,
                @Header("Accept") String accept);

        @GET
        @Streaming
        Call<ResponseBody> download(@Url String url);
    }

    private final OkHttpClient okHttp = new OkHttpClient();
    private final StatusApi api;
    private final String authorization;

    RetrofitRawClient(URI baseUrl, String authorization) {
        this.api = new Retrofit.Builder().baseUrl(baseUrl.toString()).client(okHttp).build().create(StatusApi.class);
        this.authorization = authorization;
    }

    @Override
    public byte[] getStatus(String taskId) throws IOException {
        Response<ResponseBody> response = api.getStatus(taskId, authorization, "application/json").execute();
        if (response.code() != 200) {
            if (response.errorBody() != null) {
                response.errorBody().close();
            }
            throw RawClients.unexpected(response.code());
        }
        try (ResponseBody body = response.body()) {
            return body.bytes();
        }
    }

    @Override
    public long download(URI url, java.nio.file.Path target) throws IOException {
        Response<ResponseBody> response = api.download(url.toString()).execute();
        if (response.code() != 200) {
            if (response.errorBody() != null) {
                response.errorBody().close();
            }
            throw RawClients.unexpected(response.code());
        }
        try (ResponseBody body = response.body()) {
            return Files.copy(body.byteStream(), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }
}
