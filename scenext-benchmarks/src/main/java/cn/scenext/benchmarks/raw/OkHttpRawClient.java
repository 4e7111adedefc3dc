package cn.scenext.benchmarks.raw;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** {@code new OkHttpClient()} and a synchronous {@code Call}, body read with {@code bytes()} or copied as a stream. */
final class OkHttpRawClient implements RawClient, RawGet {
    private final OkHttpClient client = new OkHttpClient();
    private final String base;
    private final String authorization;

    OkHttpRawClient(URI baseUrl, String authorization) {
        this.base = baseUrl.toString();
        this.authorization = authorization;
    }

    @Override
    public byte[] getStatus(String taskId) throws IOException {
        return get("api/get_status/" + taskId);
    }

    @Override
    public byte[] get(String path) throws IOException {
        Request request = new Request.Builder()
                .url(base + path)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .build();
        try (Response response = client.newCall(request).execute()) {
            if (response.code() != 200) {
                throw RawClients.unexpected(response.code());
            }
            return response.body().bytes();
        }
    }

    @Override
    public long download(URI url, Path target) throws IOException {
        try (Response response = client.newCall(new Request.Builder().url(url.toString()).build()).execute()) {
            if (response.code() != 200) {
                throw RawClients.unexpected(response.code());
            }
            return Files.copy(response.body().byteStream(), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
