package dev.holdfast.storage.s3;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An OkHttp network interceptor that records every request as it leaves for the server, with
 * the headers that OkHttp and the MinIO SDK put on it, and the status of the response.
 */
final class RecordedRequests implements Interceptor {
    /** One request and the status of the server's response. */
    record Exchange(Request request, int status) {
        String method() {
            return request.method();
        }

        String header(String name) {
            return request.header(name);
        }

        boolean hasQuery(String name) {
            return request.url().queryParameterNames().contains(name);
        }
    }

    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        exchanges.add(new Exchange(chain.request(), response.code()));
        return response;
    }

    List<Exchange> all() {
        return List.copyOf(exchanges);
    }

    void clear() {
        exchanges.clear();
    }
}
