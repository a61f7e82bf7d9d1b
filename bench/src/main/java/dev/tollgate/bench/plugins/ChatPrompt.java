package dev.tollgate.bench.plugins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.sdk.llm.ChatMessage;
import dev.tollgate.sdk.testkit.SimpleChatRequest;

/**
 * The request every plugin case runs on unless it brings its own body: an IT help-desk
 * conversation of about 2 KB as JSON (1,974 bytes) — a system prompt, one earlier exchange and a long user
 * question. Ordinary text that Kong's ai-prompt-guard example allows ("how do I …") and denies
 * nothing of, so guards run every pattern.
 */
public final class ChatPrompt {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String MODEL = "gpt-4o-mini";
    static final String SYSTEM = "You are the help-desk assistant of Acme Cloud, a hosting company. Answer in plain "
            + "English, in at most three short paragraphs, with the exact commands to run when there are any. If the "
            + "question needs a human (refunds, legal requests, account ownership changes), say so and stop. Never "
            + "guess at features that are not in the documentation; point to the documentation page instead.";
    static final String EARLIER_QUESTION = "How do I see which version of the CLI I have installed?";
    static final String EARLIER_ANSWER = "Run `acme --version`. It prints the CLI version and the API version it "
            + "talks to. If the command is not found, the CLI is not on your PATH: reinstall it with the installer "
            + "from the downloads page, or add its folder to PATH and open a new terminal.";
    static final String QUESTION = "Thanks, that worked: I have CLI 3.2.0. Now, how do I configure the managed "
            + "PostgreSQL add-on so that our staging cluster in eu-west-2 uses a read replica for reporting? We "
            + "tried to follow the guide, but the step that attaches the replica fails with a timeout after about "
            + "thirty seconds, and the cluster events only show that the operation was cancelled. Our setup: two "
            + "web services on the Business plan, the primary database created last spring, about 40 GB of data, "
            + "nightly backups enabled, and a private network between the services and the database. We changed "
            + "nothing on the network side recently, as far as I know. Is there a size limit for the first copy, "
            + "or a maintenance window we should wait for? And once the replica runs, what is the right way to "
            + "point the reporting job at it without touching the main connection string? The reporting job "
            + "runs every night at 02:00 UTC and reads the orders and invoices tables only. One more detail: the "
            + "add-on's dashboard shows the replica as pending for several minutes before it fails, and the logs of "
            + "the web services show no errors at all during that time, so I suspect the storage side.";

    private ChatPrompt() {
    }

    /** A fresh chat view of the conversation: plugins change it, so each call gets its own. */
    static SimpleChatRequest chat() {
        SimpleChatRequest chat = new SimpleChatRequest(MODEL).system(SYSTEM).user(EARLIER_QUESTION);
        chat.addMessage("assistant", EARLIER_ANSWER); // SimpleChatRequest has no builder for assistant turns
        return chat.user(QUESTION);
    }

    /** The conversation as an OpenAI chat completions body. */
    public static String json() {
        ObjectNode root = JSON.createObjectNode().put("model", MODEL);
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage m : chat().messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        return root.toString();
    }
}
