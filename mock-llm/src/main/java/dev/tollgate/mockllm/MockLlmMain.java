package dev.tollgate.mockllm;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** {@code tollgate mock-llm}: runs the mock LLM until SIGTERM or Ctrl-C. */
public final class MockLlmMain {

    static final String USAGE = """
            Usage: tollgate mock-llm [--port N] [--host H] [--token-delay-ms N]
              --port N            port to listen on (default 8080, 0 picks a free one)
              --host H            address to bind (default 127.0.0.1)
              --token-delay-ms N  pause between streamed tokens (default 20, 0 for benchmarks)
              --help              print this and exit
            Failure injection: headers X-Mock-Status, X-Mock-Delay-Ms, X-Mock-Hang, X-Mock-Drop,
            or POST /__mock/failures {"status":503}; recorded requests at GET /__mock/requests.
            X-Mock-No-Usage: true leaves usage out of OpenAI chat answers.""";

    private MockLlmMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("mock-llm: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(USAGE);
            return;
        }
        MockLlm mock = MockLlm.builder()
                .host(options.host()).port(options.port()).tokenDelay(options.tokenDelay()).build();
        try {
            mock.start();
        } catch (RuntimeException e) {
            System.err.println("mock-llm: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mock.stop();
            stopped.countDown();
        }, "mock-llm-shutdown"));
        PrintStream out = System.out;
        out.println("Tollgate mock LLM listening on " + mock.baseUrl()
                + " (token delay " + options.tokenDelay().toMillis() + " ms)");
        out.flush();
        stopped.await();
    }

    /** The parsed command line. */
    record Options(String host, int port, Duration tokenDelay, boolean help) {

        static Options parse(String[] args) {
            String host = "127.0.0.1";
            int port = 8080;
            long tokenDelayMs = 20;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (name.equals("--help") || name.equals("-h")) {
                    return new Options(host, port, Duration.ofMillis(tokenDelayMs), true);
                }
                if (!name.equals("--port") && !name.equals("--host") && !name.equals("--token-delay-ms")) {
                    throw new IllegalArgumentException("unknown option: " + arg);
                }
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(name + ": missing value");
                }
                switch (name) {
                    case "--port" -> port = (int) number(name, value, 65_535);
                    case "--host" -> host = value;
                    default -> tokenDelayMs = number(name, value, 600_000);
                }
            }
            return new Options(host, port, Duration.ofMillis(tokenDelayMs), false);
        }

        private static long number(String name, String value, long max) {
            return Numbers.nonNegative(name, value, max);
        }
    }
}
