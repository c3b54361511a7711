package dev.loopscope.samples.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for a database behind a JDBC driver: {@link Connection#query} writes the query to a
 * socket and blocks its thread until the answer arrives, as every JDBC call does. The database
 * is a local server that answers each query after {@code latencyMillis}.
 */
public final class LegacyDatabase implements AutoCloseable {

    /** How long a query waits for its answer before it fails, as a driver's socket timeout would. */
    private static final int QUERY_TIMEOUT_MILLIS = 10_000;

    private final ServerSocket server;
    private final long latencyMillis;
    private final Set<Socket> sessions = ConcurrentHashMap.newKeySet();

    public LegacyDatabase(long latencyMillis) throws IOException {
        this.latencyMillis = latencyMillis;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "legacy-database");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A connection, opened now (on the calling thread). */
    public Connection connect() {
        Socket socket = null;
        try {
            socket = new Socket(server.getInetAddress(), server.getLocalPort());
            socket.setSoTimeout(QUERY_TIMEOUT_MILLIS);
            return new Connection(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot connect to the database", e);
        }
    }

    /** Stops the database: no new connections, and every open session ends. */
    @Override
    public void close() throws IOException {
        server.close();
        sessions.forEach(LegacyDatabase::closeQuietly);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sessions.add(client);
                Thread session = new Thread(() -> serve(client), "legacy-database-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8), true)) {
            for (String query; (query = in.readLine()) != null; ) {
                Thread.sleep(latencyMillis);
                out.println("1 row for: " + query);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the database was closed
        } finally {
            sessions.remove(client);
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** One connection: one query at a time, each blocking its caller until the answer arrives. */
    public static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final PrintWriter out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = new PrintWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), true);
        }

        /** Runs {@code sql} with its {@code ?} parameters (a prepared statement's), and returns the answer. */
        public synchronized String query(String sql, Object... parameters) {
            out.println((sql + " " + Arrays.toString(parameters)).replace('\n', ' '));
            try {
                String row = in.readLine();
                if (row == null) {
                    throw new UncheckedIOException(new IOException("the database closed the connection"));
                }
                return row;
            } catch (IOException e) {
                throw new UncheckedIOException("query failed: " + sql, e);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
