package dev.handoff.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * The disk's own durable-commit rate: write 4 KiB and force it to the device, again and again, for a few seconds,
 * in a temporary file in the given folder (default: the system temp folder, where the load benchmark keeps the
 * service's H2 file). One force is what one durable commit of one row costs at least.
 * Usage: {@code java -cp bench/load/target/load.jar dev.handoff.bench.load.FsyncRate [folder] [seconds]}
 */
public final class FsyncRate {

	private FsyncRate() {
	}

	public static void main(String[] args) throws IOException {
		Path folder = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
		double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
		Path file = Files.createTempFile(folder, "fsync-", ".bin");
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			ByteBuffer block = ByteBuffer.allocate(4096);
			long[] times = new long[1_000_000];
			int n = 0;
			long start = System.nanoTime();
			long end = start + (long) (seconds * 1e9);
			for (long now = start; now < end && n < times.length; n++) {
				block.clear();
				channel.write(block, (n % 256) * 4096L);
				channel.force(false);
				long after = System.nanoTime();
				times[n] = after - now;
				now = after;
			}
			double elapsed = (System.nanoTime() - start) / 1e9;
			long[] sorted = Arrays.copyOf(times, n);
			Arrays.sort(sorted);
			System.out.printf(Locale.ROOT, "fsync (4 KiB write + force) in %s: %d in %.1f s = %.0f per second; median %.3f ms, p99 %.3f ms%n", folder,
					n, elapsed, n / elapsed, sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6);
		}
		finally {
			Files.deleteIfExists(file);
		}
	}
}
