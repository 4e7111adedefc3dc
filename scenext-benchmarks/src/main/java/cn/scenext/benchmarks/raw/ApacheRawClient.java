package cn.scenext.benchmarks.raw;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;

/** {@code HttpClients.createDefault()} (pooled) and {@code execute} with a handler reading the entity to bytes. */
final class ApacheRawClient implements RawClient {
    private final CloseableHttpClient client = HttpClients.createDefault();
    private final String base;
    private final String authorization;

    ApacheRawClient(URI baseUrl, String authorization) {
        this.base = baseUrl.toString();
        this.authorization = authorization;
    }

    @Override
    public byte[] getStatus(String taskId) throws IOException {
        HttpGet get = new HttpGet(base + "api/get_status/" + taskId);
        get.setHeader("Authorization", authorization);
        get.setHeader("Accept", "application/json");
        return client.execute(get, response -> {
            if (response.getCode() != 200) {
                throw RawClients.unexpected(response.getCode());
            }
            return EntityUtils.toByteArray(response.getEntity());
        });
    }

    @Override
    public long download(URI url, Path target) throws IOException {
        return client.execute(new HttpGet(url), response -> {
            if (response.getCode() != 200) {
                throw RawClients.unexpected(response.getCode());
            }
            try (InputStream in = response.getEntity().getContent()) {
                return Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        });
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }
}
