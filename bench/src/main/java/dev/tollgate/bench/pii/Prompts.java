package dev.tollgate.bench.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The fixed set of chat prompts both PII benchmarks use: a system message and a user message,
 * about 2 KB together, the user's with a few e-mail addresses, phone numbers and SSNs among
 * ordinary support-ticket text (and some look-alikes that must stay: versions, order numbers).
 * Deterministic: prompt {@code i} is the same on every run.
 *
 * <p>{@code java -cp tollgate-bench.jar Prompts [i]} prints prompt {@code i}
 * as an OpenAI chat request body (the gateway benchmark's wrk body).
 */
public final class Prompts {
    static final String SYSTEM = "You are the support assistant of Acme Cloud, a hosting company. Answer the customer's "
            + "question in plain English, in at most three short paragraphs. Never repeat personal data back to the "
            + "customer: no e-mail addresses, phone numbers, account numbers or identity numbers. If the request needs "
            + "a human (refunds above 500 USD, legal requests, account ownership changes), say so and stop. Use the "
            + "ticket history below only as context; do not quote it.";

    private static final String[] TEXT = {
        "Hi team, our production deployment has been failing since this morning's maintenance window.",
        "The build log says the container exits with code 137 right after the health check starts.",
        "We pinned lodash@4.17.21 and node 20.11.1 last week, so I doubt the dependencies changed.",
        "Order #415-555-0100 was placed on 2024-03-14 and the invoice total was 1,249.50 USD.",
        "Our region is eu-west-2 and the cluster id is c-8841-2207; nothing else changed on our side.",
        "I already tried scaling down to two replicas and back up again, which did not help at all.",
        "Could you also check whether the billing alert thresholds were reset during the migration?",
        "The status page showed all green, but three of our customers reported timeouts around 09:40 UTC.",
        "We are on the Business plan, version 3.2.0 of the CLI, and use the managed PostgreSQL add-on.",
        "Please treat this as urgent: our quarterly report runs tonight and depends on this service.",
        "For reference, the last successful deploy was tag v2.18.4, commit 9f3c2e1, two days ago.",
        "I can share a HAR file or a screen recording if that makes the investigation any easier.",
    };

    private static final String[] PII = {
        "You can reach me at jane.doe@example.com or on my mobile, (415) 555-0134, until 6 pm.",
        "My colleague Marc (marc.dupont+alerts@acme-corp.co.uk, +44 20 7946 0958) owns the billing side.",
        "For the identity check my SSN is 123-45-6789 and the account holder's is 078-05-1120.",
        "Our on-call phone is 212.555.0187 and the escalation mailbox is oncall@ops.example.org.",
        "If I am not available, call my manager at +1 (646) 555-0102 or write to r.ng@example.net.",
        "The previous ticket was opened by sam_o'neil@example.io from 303-555-0166.",
    };

    /** How many distinct prompts there are. */
    public static final int COUNT = 16;

    private Prompts() {
    }

    /** Prompt {@code i} (0 &lt;= i &lt; COUNT): the user message, about 1.65 KB, with 3 or 4 PII sentences. */
    static String user(int i) {
        Random random = new Random(4242L + i);
        List<String> pii = new ArrayList<>(List.of(PII));
        StringBuilder text = new StringBuilder(2048);
        int piiLeft = 3 + (i % 2);
        while (text.length() < 1650) {
            boolean personal = piiLeft > 0 && random.nextInt(3) == 0;
            String sentence = personal
                    ? pii.remove(random.nextInt(pii.size()))
                    : TEXT[random.nextInt(TEXT.length)];
            if (personal) {
                piiLeft--;
            }
            if (!text.isEmpty()) {
                text.append(random.nextInt(5) == 0 ? "\n\n" : " ");
            }
            text.append(sentence);
        }
        return text.toString();
    }

    /** Prompt {@code i} as an OpenAI chat completions request body. */
    static String json(int i) {
        return "{\"model\":\"gpt-4o-mini\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"" + escape(SYSTEM) + "\"},"
                + "{\"role\":\"user\",\"content\":\"" + escape(user(i)) + "\"}]}";
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    public static void main(String[] args) {
        System.out.println(json(args.length > 0 ? Integer.parseInt(args[0]) : 0));
    }
}
