package cn.scenext.retrofit;

import okhttp3.Headers;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.HEAD;
import retrofit2.http.HTTP;
import retrofit2.http.HeaderMap;
import retrofit2.http.OPTIONS;
import retrofit2.http.PATCH;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Streaming;
import retrofit2.http.Url;

/**
 * Retrofit's view of plain HTTP: one method per HTTP method, taking the absolute URL, the headers and the body
 * as bytes, and returning the body as a stream. No converter is involved, so no JSON either.
 */
interface RawHttp {
    @GET
    @Streaming
    Call<ResponseBody> get(@Url String url, @HeaderMap Headers headers);

    @HEAD
    Call<Void> head(@Url String url, @HeaderMap Headers headers);

    @OPTIONS
    @Streaming
    Call<ResponseBody> options(@Url String url, @HeaderMap Headers headers);

    @HTTP(method = "DELETE")
    @Streaming
    Call<ResponseBody> delete(@Url String url, @HeaderMap Headers headers);

    @HTTP(method = "DELETE", hasBody = true)
    @Streaming
    Call<ResponseBody> deleteWithBody(@Url String url, @HeaderMap Headers headers, @Body RequestBody body);

    @POST
    @Streaming
    Call<ResponseBody> post(@Url String url, @HeaderMap Headers headers, @Body RequestBody body);

    @PUT
    @Streaming
    Call<ResponseBody> put(@Url String url, @HeaderMap Headers headers, @Body RequestBody body);

    @PATCH
    @Streaming
    Call<ResponseBody> patch(@Url String url, @HeaderMap Headers headers, @Body RequestBody body);
}
