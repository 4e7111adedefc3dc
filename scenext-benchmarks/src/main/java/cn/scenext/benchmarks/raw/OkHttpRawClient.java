package cn.scenext.benchmarks.raw;

import java.io.IOException;
import java.net.URI;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** {@code new OkHttpClient()} and a synchronous {@code Call}, body read with {@code bytes()}. */
final class OkHttpRawClient implements RawStatusClient {
    private final OkHttpClient client = new OkHttpClient();
    private final String base;
    private final String authorization;

    OkHttpRawClient(URI baseUrl, String authorization) {
        this.base = baseUrl.toString();
        this.authorization = authorization;
    }

    @Override
    public byte[] getStatus(String taskId) throws IOException {
        Request request = new Request.Builder()
                .url(base + "api/get_status/" + taskId)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .build();
        try (Response response = client.newCall(request).execute()) {
            if (response.code() != 200) {
                throw RawStatusClients.unexpected(response.code());
            }
            return response.body().bytes();
        }
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
