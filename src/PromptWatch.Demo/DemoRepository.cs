using System.Globalization;
using System.Text;
using LibGit2Sharp;

namespace PromptWatch.Demo;

/// <summary>
/// Creates a demo Git repository whose history shows what PromptWatch reports: the Helm chart of an LLM
/// gateway for a support product, with <c>chart/values-test.yaml</c> and <c>chart/values-prod.yaml</c>,
/// changed by four authors from April to June 2026.
/// </summary>
/// <remarks>
/// <para>
/// The history is a fixed script of about 80 commits: use cases added, multi-line prompts rewritten, models
/// swapped, temperature, top-k, top-p and max tokens tuned, settings promoted from test to prod, a use case
/// disabled in prod for good, another disabled and enabled again, one removed from test for good and one
/// removed and added back, an extra setting (<c>provider</c>), image tag bumps, and commits that touch only
/// other files of the chart (<c>README.md</c>, <c>chart/Chart.yaml</c>, <c>chart/templates/deployment.yaml</c>).
/// </para>
/// <para>
/// Contents, authors and dates (with a fixed offset of +02:00) never change, so every repository created has
/// the same commit ids. Scan it on <see cref="Branch"/> with <see cref="PromptWatch.Model.WatchedFile.Defaults"/>.
/// </para>
/// </remarks>
public static class DemoRepository
{
    /// <summary>The branch the history is committed to and the working folder has checked out: <c>main</c>.</summary>
    public const string Branch = "main";

    private static readonly TimeSpan Offset = TimeSpan.FromHours(2);

    private static readonly Author Ada = new("Ada Example", "ada@example.com");
    private static readonly Author Lin = new("Lin Example", "lin@example.com");
    private static readonly Author Sam = new("Sam Example", "sam@example.com");
    private static readonly Author Noor = new("Noor Example", "noor@example.com");

    /// <summary>Creates the demo repository in <paramref name="folder"/>.</summary>
    /// <param name="folder">A folder that does not exist yet, or an empty one; it is created when missing.</param>
    /// <returns>The full path of the repository's working folder.</returns>
    /// <exception cref="PromptWatchException">The folder exists and is not empty.</exception>
    public static string Create(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new PromptWatchException($"'{folder}' exists and is not empty; name a new folder.");
        }

        Directory.CreateDirectory(folder);
        using (var story = new Story(folder))
        {
            April(story);
            May(story);
            June(story);
        }

        return Path.GetFullPath(folder);
    }

    /// <summary>The chart is created; summarize, classify, extract, translate, moderate and sentiment arrive in test; the first promotions.</summary>
    private static void April(Story s)
    {
        s.Readme.Add("""
            # llm-gateway

            Helm chart of the gateway that sends the support product's LLM requests to model providers.
            """);
        s.Commit(Sam, "04-01 09:30", "Add the llm-gateway chart", """
            Test and prod get a values file each; use cases follow in their own commits.
            """);

        s.Test["summarize"] = new("gpt-4o-mini", """
            Summarize the following support conversation in three sentences.
            State the customer's problem, what was tried and what is still open.
            """, Temperature: 0.7, TopP: 0.9, MaxTokens: 512);
        s.Commit(Ada, "04-01 14:10", "Add the summarize use case to test");

        s.Test["classify"] = new("llama-3.1-8b-instruct", """
            Classify the support ticket below as exactly one of: bug, feature, question.
            Answer with the label only, in lower case.
            """, Temperature: 0, MaxTokens: 16);
        s.Commit(Lin, "04-02 10:05", "Add the classify use case to test");

        s.Test.Change("summarize", u => u with
        {
            Prompt = """
                Summarize the following support conversation in three sentences.
                State the customer's problem, what was tried and what is still open.
                Keep names, order numbers and amounts exactly as written.
                """,
        });
        s.Commit(Ada, "04-02 16:40", "summarize: keep names and numbers exact", """
            The first eval run paraphrased order numbers in 4 of 50 samples.
            """);

        s.Readme.Add("""
            ## Values

            `values-test.yaml` configures the test environment and `values-prod.yaml` production.
            Each top-level block is one use case: `model`, `prompt`, `enabled` and sampling parameters.
            """);
        s.Commit(Sam, "04-03 11:20", "README: describe the values files");

        s.Test.Change("summarize", u => u with { Temperature = 0.5 });
        s.Commit(Ada, "04-06 09:50", "summarize: lower temperature to 0.5 after the eval run");

        s.Test["extract"] = new("mistral-7b-instruct", """
            Extract every date and amount from the invoice text below.
            Return JSON with the keys "dates" and "amounts".
            """, Temperature: 0.2, MaxTokens: 1024);
        s.Commit(Lin, "04-06 15:25", "Add the extract use case to test");

        s.Test.Change("classify", u => u with
        {
            Prompt = """
                Classify the support ticket below as exactly one of: bug, feature, question, billing.
                Answer with the label only, in lower case.
                """,
        });
        s.Commit(Lin, "04-07 10:15", "classify: add a billing label", """
            A fifth of the tickets labelled 'question' were about invoices.
            """);

        s.Test.Change("summarize", u => u with { TopK = 40 });
        s.Commit(Ada, "04-07 14:45", "summarize: add top_k 40 to cut rambling endings");

        s.Promote("summarize");
        s.Promote("classify");
        s.Commit(Sam, "04-08 10:30", "Promote summarize and classify to prod");

        s.Test.Change("extract", u => u with { Temperature = 0.1, MaxTokens = 768 });
        s.Commit(Lin, "04-08 16:50", "extract: lower temperature and max_tokens", """
            No answer went above 600 tokens, and at 0.2 the model sometimes invented keys.
            """);

        s.Test["translate"] = new("gpt-4o-mini", """
            Translate the customer message below into {{target_language}}.
            Keep the meaning; do not add or drop information.
            """, Temperature: 0.3, MaxTokens: 1024);
        s.Commit(Noor, "04-09 11:35", "Add the translate use case to test");

        s.Deployment.ConfigMap = true;
        s.Commit(Sam, "04-10 09:10", "deployment: mount the use cases from a ConfigMap");

        s.Test.Change("translate", u => u with
        {
            Prompt = """
                Translate the customer message below into {{target_language}}.
                Keep the meaning; do not add or drop information.
                Do not translate product names, order numbers or anything inside {{ }}.
                Keep line breaks and list markers as in the original.
                """,
        });
        s.Commit(Noor, "04-13 10:20", "translate: keep product names and placeholders");

        s.Test.Change("classify", u => u with { Model = "llama-3.1-70b-instruct" });
        s.Commit(Lin, "04-13 15:05", "classify: try llama-3.1-70b-instruct in test", """
            The 8b model mixes up feature and question on short tickets (F1 0.81).
            """);

        s.Test.Change("summarize", u => u with
        {
            Prompt = """
                You are a careful support editor.
                Summarize the conversation below as at most three bullet points:
                - the customer's problem,
                - what was tried,
                - what is still open.
                Keep names, order numbers and amounts exactly as written.
                """,
            MaxTokens = 384,
        });
        s.Commit(Ada, "04-14 09:40", "summarize: editor persona and bullet points", """
            Agents taking over a ticket read bullets faster than prose.
            """);

        s.Test.Change("extract", u => u with { Enabled = false });
        s.Commit(Lin, "04-14 13:55", "extract: disable until multi-page invoices work", """
            Page breaks split line items, so totals came out wrong.
            """);

        s.Promote("classify");
        s.Commit(Sam, "04-15 10:15", "prod: roll out the 70b classifier");

        s.Test["moderate"] = new("llama-guard-3-8b", """
            Decide whether the user message below may be sent to the assistant.
            Answer "allow" or "block".
            """, Temperature: 0, MaxTokens: 8);
        s.Commit(Noor, "04-15 16:30", "Add the moderate use case to test");

        s.Test.Change("extract", u => u with
        {
            Enabled = true,
            Prompt = """
                Extract every date and amount from the invoice text below, on all pages.
                Return only JSON, with no prose around it:
                {"dates": ["YYYY-MM-DD", ...], "amounts": [{"value": 0.0, "currency": "EUR"}, ...]}
                Use null for a value you cannot read.
                """,
        });
        s.Commit(Lin, "04-16 11:10", "extract: re-enable with a stricter output format");

        s.Test.ImageTag = "1.4.3";
        s.Commit(Sam, "04-17 09:45", "Bump the llm-gateway image to 1.4.3 in test");

        s.Test.Change("summarize", u => u with { TopP = 0.85 });
        s.Commit(Ada, "04-20 10:30", "summarize: narrow top_p to 0.85");

        s.Test.Change("translate", u => u with { Provider = "azure" });
        s.Commit(Noor, "04-20 15:00", "translate: route through the Azure deployment", """
            Messages of EU customers must stay in the EU region.
            """);

        s.Test["sentiment"] = new("llama-3.1-8b-instruct", """
            Rate the sentiment of the customer message below.
            Answer positive, neutral or negative.
            """, Temperature: 0.2, MaxTokens: 4);
        s.Commit(Lin, "04-21 09:35", "Add an experimental sentiment use case to test");

        s.Promote("summarize", u => u with { Temperature = 0.4 });
        s.Commit(Sam, "04-21 16:05", "Promote the summarize editor prompt to prod", """
            Prod keeps a slightly lower temperature than test.
            """);

        s.Test.Change("moderate", u => u with
        {
            Prompt = """
                Decide whether the user message below may be sent to the assistant.
                Block hate, violence, sexual content involving minors and self-harm instructions.
                Answer "allow" or "block: <category>".
                """,
            MaxTokens = 16,
        });
        s.Commit(Noor, "04-22 11:15", "moderate: name the categories to block");

        s.Chart.Version = "0.2.0";
        s.Commit(Sam, "04-23 10:00", "Chart: release 0.2.0 with the ConfigMap mount");

        s.Test.Change("sentiment", u => u with
        {
            Prompt = """
                Rate the sentiment of the customer message below.
                Answer with one word: positive, neutral or negative.
                """,
            Temperature = 0,
        });
        s.Commit(Lin, "04-23 15:20", "sentiment: greedy decoding, one-word answers");

        s.Test.Change("summarize", u => u with { MaxTokens = 320 });
        s.Commit(Ada, "04-24 10:40", "summarize: cap max_tokens at 320", """
            The 95th percentile of summaries is 210 tokens; 384 only allowed run-ons.
            """);

        s.Test.Change("translate", u => u with
        {
            Prompt = """
                Translate the customer message below into {{target_language}}.
                Keep the meaning; do not add or drop information.
                Do not translate product names, order numbers or anything inside {{ }}.
                Keep line breaks and list markers as in the original.
                Use the formal register (Sie, vous) for German and French.
                """,
        });
        s.Commit(Noor, "04-27 09:30", "translate: formal register for German and French");

        s.Promote("extract");
        s.Promote("translate");
        s.Commit(Sam, "04-27 14:15", "Promote extract and translate to prod");

        s.Test.Change("classify", u => u with { MaxTokens = 8 });
        s.Commit(Lin, "04-28 10:55", "classify: cap max_tokens at 8, labels are one word");

        s.Prod.Change("translate", u => u with { Enabled = false });
        s.Commit(Noor, "04-29 11:25", "prod: disable translate until the glossary is signed off", """
            Legal asked for an approved glossary of product terms before machine
            translations reach customers.
            """);

        s.Readme.Add("""
            ## Promoting a use case

            Change and evaluate a use case in `values-test.yaml` first. Once its eval run passes,
            copy the block to `values-prod.yaml` in a commit of its own.
            """);
        s.Commit(Sam, "04-30 09:05", "README: how to promote a use case to prod");
    }

    /// <summary>Model swaps, sentiment folded into classify, translate taken out of test and brought back, moderate disabled and re-enabled in prod.</summary>
    private static void May(Story s)
    {
        s.Test.Change("summarize", u => u with { Model = "gpt-4.1-mini" });
        s.Commit(Ada, "05-04 10:25", "summarize: switch test to gpt-4.1-mini", """
            Same price band, and it keeps to three bullets on the whole eval set.
            """);

        s.Test.Remove("sentiment");
        s.Test.Change("classify", u => u with
        {
            Prompt = """
                Classify the support ticket below.
                Line 1: exactly one of bug, feature, question, billing.
                Line 2: the customer's tone, one of positive, neutral, negative.
                Answer with the two labels only, in lower case.
                """,
            MaxTokens = 12,
        });
        s.Commit(Lin, "05-04 15:10", "Fold sentiment into classify", """
            One call instead of two per ticket; the 70b model rates tone as well as
            the separate use case did.
            """);

        s.Test.Remove("translate");
        s.Commit(Noor, "05-05 11:45", "Remove translate from test until the glossary service is ready", """
            The glossary lookup changes the prompt contract; the use case comes back with it.
            """);

        s.Test.Change("summarize", u => u with { Temperature = 0.4, TopK = 50 });
        s.Commit(Ada, "05-06 09:55", "summarize: temperature 0.4 and top_k 50 on gpt-4.1-mini");

        s.Test.ImageTag = "1.5.0";
        s.Prod.ImageTag = "1.5.0";
        s.Chart.AppVersion = "1.5.0";
        s.Commit(Sam, "05-06 16:20", "Bump the llm-gateway image to 1.5.0");

        s.Test.Change("extract", u => u with { Model = "mistral-small-3.1-24b-instruct" });
        s.Commit(Lin, "05-07 10:10", "extract: switch to mistral-small-3.1-24b-instruct", """
            The 7b model drops line items on invoices longer than two pages.
            """);

        s.Test.Change("moderate", u => u with
        {
            Prompt = """
                You are a content safety filter for a customer support assistant.
                Decide whether the user message below may be sent to the assistant.
                Block: hate, harassment, violence, sexual content involving minors, self-harm instructions.
                Answer with exactly one line: "allow" or "block: <category>".
                """,
        });
        s.Commit(Noor, "05-07 14:40", "moderate: answer in a fixed allow/block format");

        s.Promote("moderate");
        s.Commit(Sam, "05-08 10:20", "Promote moderate to prod");

        s.Test.Change("extract", u => u with { MaxTokens = 1024 });
        s.Commit(Lin, "05-11 09:25", "extract: max_tokens back to 1024", """
            Invoices with more than 40 line items were cut off.
            """);

        s.Promote("summarize");
        s.Commit(Ada, "05-11 13:45", "prod: summarize on gpt-4.1-mini");

        s.Deployment.ReadinessProbe = true;
        s.Commit(Sam, "05-12 10:35", "deployment: add a readiness probe");

        s.Test.Change("moderate", u => u with
        {
            Prompt = """
                You are a content safety filter for a customer support assistant.
                Decide whether the user message below may be sent to the assistant.
                Block: hate, harassment, violence, sexual content involving minors, self-harm instructions, scams and phishing.
                Answer with exactly one line: "allow" or "block: <category>".
                """,
        });
        s.Commit(Noor, "05-12 15:20", "moderate: block scams and phishing too");

        s.Test.Change("classify", u => u with
        {
            Prompt = """
                Classify the support ticket below.
                Line 1: exactly one of bug, feature, question, billing.
                Line 2: the customer's tone, one of positive, neutral, negative.
                Answer with the two labels only, in lower case.
                Examples:
                "The app crashes when I upload a photo, third time today!" -> bug, negative
                "Could you add a dark mode?" -> feature, neutral
                "Why was I charged twice this month?" -> billing, negative
                """,
        });
        s.Commit(Lin, "05-13 11:05", "classify: add few-shot examples");

        s.Test.Change("summarize", u => u with
        {
            Prompt = """
                You are a careful support editor.
                Summarize the conversation below as at most three bullet points:
                - the customer's problem,
                - what was tried,
                - what is still open.
                Keep names, order numbers and amounts exactly as written.
                Write in the language of the conversation.
                """,
        });
        s.Commit(Ada, "05-14 09:40", "summarize: answer in the language of the conversation");

        s.Promote("extract");
        s.Commit(Sam, "05-14 16:25", "prod: extract on mistral-small with 1024 tokens");

        s.Prod.Change("moderate", u => u with { Enabled = false });
        s.Commit(Noor, "05-15 10:00", "prod: disable moderate, false positives on medical questions", """
            Questions about medication doses were blocked as self-harm.
            """);

        s.Test.Change("moderate", u => u with
        {
            Prompt = """
                You are a content safety filter for a customer support assistant.
                Decide whether the user message below may be sent to the assistant.
                Block: hate, harassment, violence, sexual content involving minors, self-harm instructions, scams and phishing.
                Allow medical, legal and safety information, even when it mentions violence or self-harm.
                Answer with exactly one line: "allow" or "block: <category>".
                """,
        });
        s.Commit(Noor, "05-18 10:30", "moderate: allow medical and safety information");

        s.Promote("moderate");
        s.Commit(Sam, "05-19 11:15", "prod: re-enable moderate with the medical exception");

        s.Test.Change("extract", u => u with { Temperature = 0 });
        s.Commit(Lin, "05-19 15:45", "extract: greedy decoding");

        s.Chart.Version = "0.3.0";
        s.Commit(Sam, "05-20 09:20", "Chart: release 0.3.0 with the readiness probe");

        s.Test.Change("summarize", u => u with { MaxTokens = 400 });
        s.Commit(Ada, "05-21 10:45", "summarize: raise max_tokens to 400", """
            German summaries hit the 320-token cap mid-sentence.
            """);

        s.Test.Change("classify", u => u with
        {
            Prompt = """
                Classify the support ticket below.
                Line 1: exactly one of bug, feature, question, billing, account.
                Line 2: the customer's tone, one of positive, neutral, negative.
                Answer with the two labels only, in lower case.
                Examples:
                "The app crashes when I upload a photo, third time today!" -> bug, negative
                "Could you add a dark mode?" -> feature, neutral
                "Why was I charged twice this month?" -> billing, negative
                "I cannot log in since I changed my e-mail address." -> account, neutral
                """,
        });
        s.Commit(Lin, "05-22 14:10", "classify: split account questions from billing");

        s.Test["translate"] = new("gpt-4.1-mini", """
            Translate the customer message below into {{target_language}}.
            Keep the meaning; do not add or drop information.
            Use the approved translations of the glossary below; never translate product names.
            Keep order numbers, placeholders inside {{ }} and line breaks as in the original.
            Use the formal register (Sie, vous) for German and French.
            Glossary:
            {{glossary}}
            """, Temperature: 0.3, MaxTokens: 1024, Provider: "azure");
        s.Commit(Noor, "05-26 10:05", "Add translate back to test, with glossary terms");

        s.Readme.Add("""
            Before promoting, check that:
            - the eval run of the new settings passed on the latest eval set;
            - the longest expected answer fits in `max_tokens`;
            - the on-call engineer knows about the change.
            """);
        s.Commit(Sam, "05-26 16:40", "README: add a promotion checklist");

        s.Test.Change("translate", u => u with { Temperature = 0.2 });
        s.Commit(Noor, "05-27 11:30", "translate: lower temperature to 0.2", """
            At 0.3 the same glossary term was translated in two ways.
            """);

        s.Test.Change("summarize", u => u with
        {
            Prompt = """
                You are a careful support editor.
                Summarize the conversation below as at most three bullet points:
                - the customer's problem,
                - what was tried,
                - what is still open.
                Keep names, order numbers and amounts exactly as written.
                Write in the language of the conversation.
                Do not guess: if something is unclear, say so.
                """,
        });
        s.Commit(Ada, "05-28 09:35", "summarize: never invent facts");

        s.Promote("summarize");
        s.Promote("classify");
        s.Commit(Sam, "05-29 14:20", "Promote summarize and classify to prod");
    }

    /// <summary>A new draft-reply use case in test, the guard model swapped, translate staged in prod but still disabled.</summary>
    private static void June(Story s)
    {
        s.Test.ImageTag = "1.5.1";
        s.Prod.ImageTag = "1.5.1";
        s.Chart.AppVersion = "1.5.1";
        s.Commit(Sam, "06-01 10:10", "Bump the llm-gateway image to 1.5.1", """
            Fixes streaming timeouts behind the corporate proxy.
            """);

        s.Test["draft-reply"] = new("gpt-4.1", """
            You draft replies for support agents; an agent reviews every draft before it is sent.
            Write a reply to the customer's last message, using the conversation and the help articles below.
            Be friendly and brief; no more than 120 words.
            Do not promise refunds, dates or features.
            """, Temperature: 0.7, TopP: 0.9, MaxTokens: 600);
        s.Commit(Ada, "06-02 10:50", "Add the draft-reply use case to test");

        s.Test.Change("draft-reply", u => u with { Temperature = 0.6 });
        s.Commit(Ada, "06-03 15:15", "draft-reply: lower temperature, drafts wandered off topic");

        s.Test.Change("extract", u => u with
        {
            Prompt = """
                Extract every date and amount from the invoice text below, on all pages.
                Return only JSON, with no prose around it:
                {"dates": ["YYYY-MM-DD", ...], "amounts": [{"value": 0.0, "currency": "EUR"}, ...]}
                Currencies are ISO 4217 codes (EUR, USD, CHF), never symbols.
                Use null for a value you cannot read.
                """,
        });
        s.Commit(Lin, "06-04 10:25", "extract: return ISO 4217 currency codes");

        s.Deployment.Resources = true;
        s.Commit(Sam, "06-05 09:30", "deployment: set CPU and memory requests");

        s.Test.Change("translate", u => u with { MaxTokens = 2048 });
        s.Commit(Noor, "06-08 11:00", "translate: allow 2048 tokens for long messages");

        s.Test.Change("draft-reply", u => u with
        {
            Prompt = """
                You draft replies for support agents; an agent reviews every draft before it is sent.
                Write a reply to the customer's last message, using the conversation and the help articles below.
                Start by acknowledging the problem in one sentence.
                Then give the next step the customer can take, with a link to the help article if there is one.
                Be warm and plain; no more than 120 words, no exclamation marks.
                Do not promise refunds, dates or features.
                """,
        });
        s.Commit(Ada, "06-09 14:30", "draft-reply: rewrite the tone guidelines");

        s.Promote("extract");
        s.Commit(Sam, "06-10 10:15", "Promote extract with ISO currency codes to prod");

        s.Test.Change("moderate", u => u with { Model = "llama-guard-3-1b" });
        s.Commit(Noor, "06-11 13:40", "moderate: try llama-guard-3-1b in test", """
            The 8b guard adds 180 ms to every request; the 1b model matched it on the
            red-team set.
            """);

        s.Test.Change("classify", u => u with
        {
            Prompt = """
                Classify the support ticket below.
                Line 1: exactly one of bug, feature, question, billing, account, other.
                Line 2: the customer's tone, one of positive, neutral, negative.
                Answer with the two labels only, in lower case; use "other" when no label fits.
                Examples:
                "The app crashes when I upload a photo, third time today!" -> bug, negative
                "Could you add a dark mode?" -> feature, neutral
                "Why was I charged twice this month?" -> billing, negative
                "I cannot log in since I changed my e-mail address." -> account, neutral
                """,
        });
        s.Commit(Lin, "06-12 09:55", "classify: add an 'other' label for tickets that fit none");

        s.Test.Change("draft-reply", u => u with { TopP = 0.95 });
        s.Commit(Ada, "06-15 10:40", "draft-reply: widen top_p, drafts sounded repetitive");

        s.Chart.Version = "0.4.0";
        s.Commit(Sam, "06-16 09:15", "Chart: release 0.4.0 with resource requests");

        s.Promote("translate", u => u with { Enabled = false });
        s.Commit(Noor, "06-16 15:30", "prod: stage the glossary prompt for translate, still disabled", """
            Prod gets the settings of test so that legal reviews exactly what will run;
            it stays disabled until they sign off.
            """);

        s.Promote("classify");
        s.Commit(Lin, "06-17 11:20", "prod: classify with the 'other' label");

        s.Test.Change("translate", u => u with
        {
            Prompt = """
                Translate the customer message below into {{target_language}}.
                Keep the meaning; do not add or drop information.
                Use the approved translations of the glossary below; never translate product names.
                Keep order numbers, placeholders inside {{ }} and line breaks as in the original.
                Use the formal register (Sie, vous, u) for German, French and Dutch.
                Glossary:
                {{glossary}}
                """,
        });
        s.Commit(Noor, "06-18 10:05", "translate: formal register for Dutch too");

        s.Promote("moderate");
        s.Commit(Sam, "06-22 14:00", "prod: moderate on llama-guard-3-1b");

        s.Test.Change("summarize", u => u with { TopK = 40 });
        s.Commit(Ada, "06-23 10:30", "summarize: top_k back to 40", """
            At 50 the bullets picked up filler words again.
            """);

        s.Test.Change("extract", u => u with
        {
            Prompt = """
                Extract the invoice number, the due date and every date and amount from the invoice text below, on all pages.
                Return only JSON, with no prose around it:
                {"invoice_number": "...", "due_date": "YYYY-MM-DD", "dates": ["YYYY-MM-DD", ...],
                "amounts": [{"value": 0.0, "currency": "EUR"}, ...]}
                Currencies are ISO 4217 codes (EUR, USD, CHF), never symbols.
                Use null for a value you cannot read.
                """,
            MaxTokens = 1200,
        });
        s.Commit(Lin, "06-24 16:10", "extract: add the invoice number and due date");

        s.Readme.Add("""
            ## Use cases

            | Use case | What it does |
            |---|---|
            | summarize | Summarizes a conversation for the agent who takes over |
            | classify | Labels a new ticket and the customer's tone |
            | extract | Reads dates and amounts from uploaded invoices |
            | translate | Translates customer messages (disabled in prod until the glossary is signed off) |
            | moderate | Screens user messages before they reach the assistant |
            | draft-reply | Drafts replies for agents to review (test only) |
            """);
        s.Commit(Sam, "06-25 09:45", "README: list the use cases");

        s.Test.Change("moderate", u => u with { TopP = 1 });
        s.Commit(Noor, "06-26 11:30", "moderate: pin top_p to 1 for reproducible verdicts");

        s.Test.Change("draft-reply", u => u with { MaxTokens = 400 });
        s.Commit(Ada, "06-29 10:20", "draft-reply: max_tokens 400, 120 words fit easily");

        s.Promote("summarize");
        s.Commit(Sam, "06-30 15:00", "Promote the summarize top_k change to prod");
    }

    private sealed record Author(string Name, string Email);

    /// <summary>One use case block of a values file.</summary>
    private sealed record UseCase(
        string Model,
        string Prompt,
        double? Temperature = null,
        int? TopK = null,
        double? TopP = null,
        int? MaxTokens = null,
        bool Enabled = true,
        string? Provider = null);

    /// <summary>The repository being written and the current content of every file; each <see cref="Commit"/> writes them all.</summary>
    private sealed class Story : IDisposable
    {
        private readonly string _folder;
        private readonly Repository _repository;

        public Story(string folder)
        {
            _folder = folder;
            Repository.Init(folder);
            _repository = new Repository(folder);
            _repository.Config.Set("core.autocrlf", false);
            _repository.Refs.UpdateTarget("HEAD", "refs/heads/" + Branch);
        }

        public ValuesFile Test { get; } = new("1.4.2");

        public ValuesFile Prod { get; } = new("1.4.2");

        public ChartFile Chart { get; } = new();

        public DeploymentTemplate Deployment { get; } = new();

        public List<string> Readme { get; } = [];

        /// <summary>Copies a use case from test to prod, optionally adjusted for prod.</summary>
        public void Promote(string name, Func<UseCase, UseCase>? adjust = null) => Prod[name] = adjust is null ? Test[name] : adjust(Test[name]);

        /// <summary>Writes every file and commits them; <paramref name="when"/> is <c>MM-dd HH:mm</c> in 2026. A step that changes nothing fails.</summary>
        public void Commit(Author author, string when, string subject, string? body = null)
        {
            Write("README.md", string.Join("\n\n", Readme) + "\n");
            Write("chart/Chart.yaml", Chart.Render());
            Write("chart/templates/deployment.yaml", Deployment.Render());
            Write("chart/values-test.yaml", Test.Render());
            Write("chart/values-prod.yaml", Prod.Render());
            LibGit2Sharp.Commands.Stage(_repository, "*");

            var date = DateTime.ParseExact("2026-" + when, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var signature = new Signature(author.Name, author.Email, new DateTimeOffset(date, Offset));
            var message = body is null ? subject + "\n" : subject + "\n\n" + body + "\n";
            _repository.Commit(message, signature, signature);
        }

        public void Dispose() => _repository.Dispose();

        private void Write(string path, string text)
        {
            var file = Path.Combine(_folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }
    }

    /// <summary>A values file: the gateway image, then one block per use case in the order they were added.</summary>
    private sealed class ValuesFile(string imageTag)
    {
        private readonly OrderedDictionary<string, UseCase> _useCases = new(StringComparer.Ordinal);

        public string ImageTag { get; set; } = imageTag;

        public UseCase this[string name]
        {
            get => _useCases[name];
            set => _useCases[name] = value;
        }

        public void Change(string name, Func<UseCase, UseCase> change) => _useCases[name] = change(_useCases[name]);

        public void Remove(string name)
        {
            if (!_useCases.Remove(name)) throw new InvalidOperationException($"No use case '{name}' to remove.");
        }

        public string Render()
        {
            var text = new StringBuilder();
            text.Append("# Model and prompt settings, one block per use case.\n");
            text.Append("image:\n");
            text.Append("  repository: registry.example.com/llm-gateway\n");
            text.Append("  tag: \"").Append(ImageTag).Append("\"\n");
            foreach (var (name, useCase) in _useCases)
            {
                text.Append('\n').Append(name).Append(":\n");
                text.Append("  enabled: ").Append(useCase.Enabled ? "true" : "false").Append('\n');
                text.Append("  model: ").Append(useCase.Model).Append('\n');
                text.Append("  prompt: |\n");
                foreach (var line in useCase.Prompt.Split('\n')) text.Append("    ").Append(line).Append('\n');
                Scalar(text, "temperature", useCase.Temperature);
                Scalar(text, "top_k", useCase.TopK);
                Scalar(text, "top_p", useCase.TopP);
                Scalar(text, "max_tokens", useCase.MaxTokens);
                if (useCase.Provider is { } provider) text.Append("  provider: ").Append(provider).Append('\n');
            }

            return text.ToString();
        }

        private static void Scalar(StringBuilder text, string key, double? value)
        {
            if (value is { } number) text.Append("  ").Append(key).Append(": ").Append(number.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    /// <summary><c>chart/Chart.yaml</c>.</summary>
    private sealed class ChartFile
    {
        public string Version { get; set; } = "0.1.0";

        public string AppVersion { get; set; } = "1.4.2";

        public string Render() => $"""
            apiVersion: v2
            name: llm-gateway
            description: Routes the support product's LLM use cases to model providers.
            type: application
            version: {Version}
            appVersion: "{AppVersion}"

            """;
    }

    /// <summary><c>chart/templates/deployment.yaml</c>, with the parts added over time.</summary>
    private sealed class DeploymentTemplate
    {
        public bool ConfigMap { get; set; }

        public bool ReadinessProbe { get; set; }

        public bool Resources { get; set; }

        public string Render()
        {
            var text = new StringBuilder("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}-llm-gateway
                spec:
                  replicas: {{ .Values.replicaCount | default 2 }}
                  selector:
                    matchLabels:
                      app: {{ .Release.Name }}-llm-gateway
                  template:
                    metadata:
                      labels:
                        app: {{ .Release.Name }}-llm-gateway
                    spec:
                      containers:
                        - name: gateway
                          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
                          ports:
                            - containerPort: 8080

                """);
            if (ReadinessProbe)
            {
                text.Append("""
                              readinessProbe:
                                httpGet:
                                  path: /healthz/ready
                                  port: 8080
                                periodSeconds: 10

                    """);
            }

            if (Resources)
            {
                text.Append("""
                              resources:
                                requests:
                                  cpu: 250m
                                  memory: 256Mi
                                limits:
                                  memory: 512Mi

                    """);
            }

            if (ConfigMap)
            {
                text.Append("""
                              volumeMounts:
                                - name: use-cases
                                  mountPath: /etc/llm-gateway
                                  readOnly: true
                          volumes:
                            - name: use-cases
                              configMap:
                                name: {{ .Release.Name }}-use-cases

                    """);
            }

            return text.ToString();
        }
    }
}
