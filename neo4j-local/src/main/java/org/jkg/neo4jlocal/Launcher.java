package org.jkg.neo4jlocal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilderImplementation;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs a Neo4j 5.26 community DBMS in-process with Bolt, HTTP and Neo4j Browser (classpath folder browser/).
 * All state (data/, logs/) lives under NEO4J_DATA, which is used as NEO4J_HOME, so that
 * `neo4j-admin` (see admin-import.sh) with NEO4J_HOME=$NEO4J_DATA sees the very same databases.
 * Stdout gets exactly one line (the ready line); Neo4j's user log goes to stderr.
 */
public final class Launcher {
    private static volatile DatabaseManagementService dbms;

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? dflt : v;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(env("NEO4J_DATA", "neo4j-local/data")).toAbsolutePath().normalize();
        String bolt = env("NEO4J_BOLT_PORT", "7687");
        String http = env("NEO4J_HTTP_PORT", "7474");
        String password = env("NEO4J_PASSWORD", "jkg-local-password"); // >= 8 chars (dbms.security.auth_minimum_password_length)

        Map<String, String> cfg = new HashMap<>();
        cfg.put("server.default_listen_address", "127.0.0.1");
        cfg.put("server.default_advertised_address", "127.0.0.1");
        cfg.put("server.bolt.enabled", "true");
        cfg.put("server.bolt.listen_address", "127.0.0.1:" + bolt);
        cfg.put("server.bolt.advertised_address", "127.0.0.1:" + bolt);
        cfg.put("server.http.enabled", "true");
        cfg.put("server.http.listen_address", "127.0.0.1:" + http);
        cfg.put("server.http.advertised_address", "127.0.0.1:" + http);
        cfg.put("server.https.enabled", "false");
        cfg.put("dbms.security.auth_enabled", "true");
        cfg.put("server.memory.pagecache.size", env("NEO4J_PAGECACHE", "256m"));
        // all transactions together may hold this much (Neo4j's default: 70% of the heap); jkg loads in batches
        String txMemory = System.getenv("NEO4J_TX_MEMORY");
        if (txMemory != null && !txMemory.isBlank()) {
            cfg.put("dbms.memory.transaction.total.max", txMemory);
        }
        // one transaction may hold this much (Neo4j's default: no limit but the total)
        String txMax = System.getenv("NEO4J_TX_MAX");
        if (txMax != null && !txMax.isBlank()) {
            cfg.put("db.memory.transaction.max", txMax);
        }
        cfg.put("dbms.usage_report.enabled", "false");
        cfg.put("client.allow_telemetry", "false");
        // Bolt's netty shutdown waits a 5 s quiet period per event loop group (~10 s per stop); local use needs none.
        cfg.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        cfg.put("browser.post_connect_cmd", env("NEO4J_BROWSER_POST_CONNECT_CMD",
                "style http://127.0.0.1:8000/neo4j/style.grass; play http://127.0.0.1:8000/neo4j/guide.html"));
        // Neo4j 5.26 (and Browser 5.24) only know the old name "..._whitelist"; "..._allowlist" fails strict config validation.
        cfg.put("browser.remote_content_hostname_whitelist", env("NEO4J_BROWSER_ALLOWLIST", "*"));

        // First start (no system database yet): pre-seed data/dbms/auth.ini exactly like
        // `neo4j-admin dbms set-initial-password`, so user neo4j never exists with the default password.
        if (!Files.isDirectory(home.resolve("data/databases/system"))) {
            int rc = AdminTool.execute(new ExecutionContext(home, home.resolve("conf"), System.err, System.err,
                    new DefaultFileSystemAbstraction()), "dbms", "set-initial-password", password);
            if (rc != 0) {
                System.err.println("neo4j-local: neo4j-admin dbms set-initial-password failed (exit " + rc + ")");
                System.exit(1);
            }
        }

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (dbms != null) {
                dbms.shutdown();
            }
        }, "neo4j-local-shutdown"));
        // Like Neo4j's own bootstrapper: SIGTERM/SIGINT -> System.exit(0), which runs the hook (exit code 0, not 143).
        for (String sig : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> System.exit(0));
        }

        long t0 = System.nanoTime();
        try {
            dbms = new DatabaseManagementServiceBuilderImplementation(home)
                    .setConfigRaw(cfg)
                    .setUserLogProvider(new Log4jLogProvider(System.err, Level.INFO))
                    .build();
        } catch (RuntimeException e) { // e.g. port already in use, store locked by another process
            System.err.println("neo4j-local: failed to start Neo4j: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }

        // Later starts: embedded transactions bypass auth, so (re)apply NEO4J_PASSWORD on the system database,
        // which makes a changed NEO4J_PASSWORD take effect; "same password" is the normal case.
        long t1 = System.nanoTime();
        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                System.err.println("neo4j-local: could not set the password of user neo4j: " + e.getMessage());
                System.exit(1); // the shutdown hook stops the DBMS
            }
        }

        System.err.printf("neo4j-local: DBMS start %.1fs, password step %.1fs (first Cypher query, cold)%n",
                (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        System.out.println("Neo4j " + Version.getNeo4jVersion() + " ready: bolt://127.0.0.1:" + bolt
                + "  browser: http://127.0.0.1:" + http + "/browser/");
        System.out.flush();
        // Block until SIGTERM/SIGINT; the JVM then runs the shutdown hook (dbms.shutdown()) and exits.
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
