package dev.handoff.bench.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that POSTs JSON and reads the status, nothing more: cheap on the CPU the
 * load generator shares with the service. Reconnects when the server closed it (Connection: close, idle timeout).
 */
final class Connection implements Closeable {

	private final String host;

	private final int port;

	private final int readTimeoutMillis;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	private boolean fresh;

	Connection(String host, int port, int readTimeoutMillis) {
		this.host = host;
		this.port = port;
		this.readTimeoutMillis = readTimeoutMillis;
	}

	/** Sends one POST and returns the status code; the body of the answer is read and dropped. */
	int post(String path, byte[] body) throws IOException {
		// the tracking edge's write key on every route: the baselines ignore it, so each carries the same bytes
		byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: application/json\r\nAuthorization: "
				+ Service.WRITE_KEY_AUTHORIZATION + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
		for (int attempt = 0;; attempt++) {
			if (socket == null) {
				open();
			}
			boolean reused = !fresh;
			fresh = false;
			try {
				out.write(head);
				out.write(body);
				out.flush();
				return readResponse();
			}
			catch (EOFException | java.net.SocketException e) {
				close();
				// a kept-alive connection the server had closed while idle: nothing was taken, send again once
				if (!reused || attempt > 0 || e instanceof java.net.SocketTimeoutException) {
					throw e;
				}
			}
			catch (IOException e) {
				close();
				throw e;
			}
		}
	}

	private void open() throws IOException {
		socket = new Socket();
		socket.setTcpNoDelay(true);
		socket.setSoTimeout(readTimeoutMillis);
		socket.connect(new InetSocketAddress(host, port), 5000);
		in = new BufferedInputStream(socket.getInputStream(), 8192);
		out = new BufferedOutputStream(socket.getOutputStream(), 16384);
		fresh = true;
	}

	private int readResponse() throws IOException {
		String status = line();
		if (!status.startsWith("HTTP/1.")) {
			throw new IOException("not an HTTP answer: " + status);
		}
		int code = Integer.parseInt(status.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean closeAfter = false;
		for (String header = line(); !header.isEmpty(); header = line()) {
			int colon = header.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String name = header.substring(0, colon).trim();
			String value = header.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("Content-Length")) {
				length = Long.parseLong(value);
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
				chunked = true;
			}
			else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
				closeAfter = true;
			}
		}
		if (chunked) {
			for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0; size = Long.parseLong(line().split(";")[0].trim(), 16)) {
				skip(size);
				line();
			}
			for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
				// trailers are not used
			}
		}
		else if (length > 0) {
			skip(length);
		}
		else if (length < 0 && code != 204 && code != 304) {
			closeAfter = true;
			in.transferTo(OutputStream.nullOutputStream());
		}
		if (closeAfter) {
			close();
		}
		return code;
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder(64);
		for (int c = in.read();; c = in.read()) {
			if (c < 0) {
				throw new EOFException("connection closed by the server");
			}
			if (c == '\n') {
				int end = line.length();
				return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
			}
			line.append((char) c);
		}
	}

	private void skip(long n) throws IOException {
		long left = n;
		while (left > 0) {
			long skipped = in.skip(left);
			if (skipped <= 0) {
				if (in.read() < 0) {
					throw new EOFException("body cut short");
				}
				skipped = 1;
			}
			left -= skipped;
		}
	}

	@Override
	public void close() {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException e) {
				// closing anyway
			}
		}
		socket = null;
	}
}
