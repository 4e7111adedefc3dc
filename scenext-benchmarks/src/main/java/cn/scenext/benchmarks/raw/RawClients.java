package cn.scenext.benchmarks.raw;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/** The raw clients by transport name, each on its library's defaults (HTTP/1.1, pooled keep-alive). */
public final class RawClients {
    private RawClients() {
    }

    /**
     * A raw client of the library behind a transport.
     *
     * @param transport {@code okhttp}, {@code apache}, {@code retrofit} or {@code jdk}
     * @param baseUrl the API's base URL, ending with {@code /}
     * @param apiKey the key sent as {@code Authorization: Bearer}
     * @return the client
     * @throws IllegalArgumentException for another name
     */
    public static RawClient create(String transport, URI baseUrl, String apiKey) {
        String authorization = "Bearer " + apiKey;
        switch (transport.toLowerCase(Locale.ROOT)) {
            case "okhttp":
                return new OkHttpRawClient(baseUrl, authorization);
            case "apache":
                return new ApacheRawClient(baseUrl, authorization);
            case "retrofit":
                return new RetrofitRawClient(baseUrl, authorization);
            case "jdk":
                return new JdkRawClient(baseUrl, authorization);
            default:
                throw new IllegalArgumentException("No raw client for transport " + transport);
        }
    }

    /**
     * The raw OkHttp GET the peer SDKs are compared with: {@code new OkHttpClient()}, a synchronous call sending
     * {@code Authorization: Bearer} and {@code Accept: application/json}, the body read with {@code bytes()}.
     *
     * @param baseUrl the server's base URL, ending with {@code /}
     * @param apiKey the key sent as {@code Authorization: Bearer}
     * @return the client
     */
    public static RawGet okHttpGet(URI baseUrl, String apiKey) {
        return new OkHttpRawClient(baseUrl, "Bearer " + apiKey);
    }

    static IOException unexpected(int status) {
        return new IOException("HTTP " + status);
    }
}
