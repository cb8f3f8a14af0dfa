package dev.holdfast.storage.s3;

import com.google.common.collect.Multimap;
import io.minio.ListObjectsV2Response;
import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The MinIO client with two of its protected S3 calls opened up: a PUT from a byte array,
 * which sends Content-MD5 (S3 requires it with object-lock headers) and no extra copy of the
 * data, and one page of ListObjectsV2, so that the driver follows continuation tokens itself.
 */
final class S3Client extends MinioAsyncClient {
    S3Client(MinioAsyncClient client) {
        super(client);
    }

    CompletableFuture<ObjectWriteResponse> put(String bucket, String region, String object,
            byte[] data, Multimap<String, String> headers) throws Exception {
        return putObjectAsync(bucket, region, object, data, data.length, headers, null);
    }

    CompletableFuture<ListObjectsV2Response> listPage(String bucket, String region,
            String prefix, int maxKeys, String continuationToken) throws Exception {
        return listObjectsV2Async(bucket, region, null, "url", null, maxKeys, prefix,
                continuationToken, false, false, null, null);
    }
}
