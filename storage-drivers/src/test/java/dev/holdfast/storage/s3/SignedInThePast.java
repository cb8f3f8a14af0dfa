package dev.holdfast.storage.s3;

import io.minio.Signer;
import io.minio.Time;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An OkHttp interceptor that signs each request again, with the test keys, as a client whose
 * clock is behind would sign it, with an {@code x-amz-date} in the past. The server receives a
 * correctly signed request from a skewed clock.
 */
final class SignedInThePast implements Interceptor {
    private final Duration behind;

    private SignedInThePast(Duration behind) {
        this.behind = behind;
    }

    static SignedInThePast hours(int hours) {
        return new SignedInThePast(Duration.ofHours(hours));
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        ZonedDateTime past = ZonedDateTime.now(ZoneOffset.UTC).minus(behind);
        Request unsigned = request.newBuilder()
                .removeHeader("Authorization")
                .header("x-amz-date", past.format(Time.AMZ_DATE_FORMAT))
                .build();
        try {
            return chain.proceed(Signer.signV4S3(unsigned, S3Settings.DEFAULT_REGION,
                    S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY,
                    request.header("x-amz-content-sha256")));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign the request again", e);
        }
    }
}
