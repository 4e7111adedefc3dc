package cn.scenext.benchmarks.raw;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * {@code java.net.http.HttpClient} on HTTP/1.1 (the SDK's jdk transport uses HTTP/1.1 on plain http too, with no
 * h2c upgrade) and {@code send} with {@code ofByteArray()}, or {@code ofFile} for a download.
 */
final class JdkRawClient implements RawClient {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String authorization;

    JdkRawClient(URI baseUrl, String authorization) {
        this.base = baseUrl.toString();
        this.authorization = authorization;
    }

    @Override
    public byte[] getStatus(String taskId) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/get_status/" + taskId))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        if (response.statusCode() != 200) {
            throw RawClients.unexpected(response.statusCode());
        }
        return response.body();
    }

    @Override
    public long download(URI url, Path target) throws IOException {
        HttpResponse<Path> response;
        try {
            response = client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofFile(target));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        if (response.statusCode() != 200) {
            throw RawClients.unexpected(response.statusCode());
        }
        return Files.size(target);
    }

    @Override
    public void close() {
        // HttpClient has no close before Java 21; its threads are daemons and end with the fork.
    }
}
