package dev.holdfast.storage.filesystem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures put and get throughput of {@link FileSystemProvider} with its fsyncs, for the
 * benchmark records; not a test.
 *
 * <p>Arguments (all optional): parent folder (default: the system temporary folder), object
 * size in MiB (16), objects per run (32), thread counts (1,4). Each run writes into a fresh
 * folder, which is left in place, because deleting many files just before creating many is
 * slow on ext4 without a journal and would distort the next run.
 */
public final class FileSystemPutBenchmark {
    private static final int MIB = 1 << 20;

    private FileSystemPutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path parent = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        int sizeMib = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        String threadCounts = args.length > 3 ? args[3] : "1,4";
        List<byte[]> objects = randomObjects(count, sizeMib * MIB);

        run(Files.createTempDirectory(parent, "warmup-"), objects.subList(0, 4), 1);
        for (String threads : threadCounts.split(",")) {
            run(Files.createTempDirectory(parent, "bench-"), objects, Integer.parseInt(threads));
        }
    }

    private static void run(Path root, List<byte[]> objects, int threads) throws Exception {
        FileSystemProvider provider = FileSystemProvider.open("bench", root);
        long bytes = (long) objects.size() * objects.getFirst().length;

        long putStart = System.nanoTime();
        forEach(objects, threads, i -> provider.putIfAbsent(key(i), objects.get(i)));
        double putSeconds = (System.nanoTime() - putStart) / 1e9;

        long getStart = System.nanoTime();
        forEach(objects, threads, i -> provider.get(key(i)));
        double getSeconds = (System.nanoTime() - getStart) / 1e9;

        System.out.printf("root=%s objects=%d size_mib=%d threads=%d put_mib_s=%.1f"
                + " put_ms_per_object=%.1f get_mib_s=%.1f%n", root, objects.size(),
                objects.getFirst().length / MIB, threads, bytes / (double) MIB / putSeconds,
                putSeconds * 1000 / objects.size(), bytes / (double) MIB / getSeconds);
    }

    private interface IndexedCall {
        Object call(int index) throws Exception;
    }

    private static void forEach(List<byte[]> objects, int threads, IndexedCall call)
            throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < objects.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> call.call(index)));
            }
            for (Future<Object> future : futures) {
                future.get();
            }
        }
    }

    private static String key(int index) {
        return "data/%02x/%08x".formatted(index % 256, index);
    }

    private static List<byte[]> randomObjects(int count, int size) {
        Random random = new Random(1);
        List<byte[]> objects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] object = new byte[size];
            random.nextBytes(object);
            objects.add(object);
        }
        return objects;
    }
}
