using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using PromptWatch.Tests.Support;

namespace PromptWatch.Cli.Tests.Operations;

/// <summary>
/// <c>check</c> on a generated repository: three prod changes (one evaluated under a longer commit abbreviation, one
/// without a report for days, one made minutes ago) and a test change that is not gated; results in a folder.
/// </summary>
[Collection(ProcessEnvironmentTests.Name)]
public sealed class CheckCommandTests : IDisposable
{
    private readonly TestRepository _repository = TestRepository.Create();
    private readonly TempFolder _results = new();
    private readonly string _first;
    private readonly string _second;
    private readonly string _third;

    public CheckCommandTests()
    {
        var now = DateTimeOffset.UtcNow;
        _repository.WriteFile("chart/values-prod.yaml", Values("gpt-4o", "Summarize.", "gpt-4o", "Classify."));
        _repository.WriteFile("chart/values-test.yaml", Values("gpt-4o", "Summarize.", "gpt-4o", "Classify."));
        _first = _repository.Commit("Add both use cases", GitSignature.At(now.AddDays(-10)));
        _repository.WriteFile("chart/values-prod.yaml", Values("gpt-4o", "Summarize briefly.", "gpt-4o", "Classify."));
        _second = _repository.Commit("Shorter summaries in prod", GitSignature.At(now.AddDays(-5)));
        _repository.WriteFile("chart/values-test.yaml", Values("gpt-4o-mini", "Summarize.", "gpt-4o", "Classify."));
        _repository.Commit("Try the mini model in test", GitSignature.At(now.AddDays(-2)));
        _repository.WriteFile("chart/values-prod.yaml", Values("gpt-4o", "Summarize briefly.", "gpt-4o-mini", "Classify."));
        _third = _repository.Commit("Cheaper classification in prod", GitSignature.At(now.AddMinutes(-10)));

        WriteReport(_first[..7] + "/summarize_results.html");
        WriteReport(_first[..9] + "/classify_results.html");
    }

    public static string Values(string summarizeModel, string summarizePrompt, string classifyModel, string classifyPrompt) =>
        $"summarize:\n  model: {summarizeModel}\n  prompt: {summarizePrompt}\nclassify:\n  model: {classifyModel}\n  prompt: {classifyPrompt}\n";

    [Fact]
    public async Task Junit_has_one_testcase_per_change_and_the_unevaluated_one_fails_with_the_expected_key()
    {
        var result = await CliRunner.RunAsync("check", _repository.Path, "--results", _results.Path, "--grace", "1h", "--format", "junit");

        Assert.Equal(3, result.ExitCode);
        var suite = XDocument.Parse(result.Output).Root!.Element("testsuite")!;
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(4, cases.Count);
        Assert.Equal("4", suite.Attribute("tests")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        Assert.Equal("1", suite.Attribute("skipped")!.Value);
        var failure = Assert.Single(cases, static c => c.Element("failure") is not null);
        Assert.Equal($"summarize in prod at {_second[..7]}", failure.Attribute("name")!.Value);
        Assert.Contains($"expected {_second[..7]}/summarize_results.html", failure.Element("failure")!.Attribute("message")!.Value, StringComparison.Ordinal);
        var skipped = Assert.Single(cases, static c => c.Element("skipped") is not null);
        Assert.Equal($"classify in prod at {_third[..7]}", skipped.Attribute("name")!.Value);
        Assert.Equal(2, cases.Count(static c => !c.HasElements || c.Element("system-out") is not null));
        Assert.Contains("check FAILED: 4 changes", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lists_each_change_with_its_status_and_a_report_makes_the_gate_pass()
    {
        var failing = await CliRunner.RunAsync("check", _repository.Path, "--results", _results.Path, "--json");
        Assert.Equal(3, failing.ExitCode);
        using (var document = JsonDocument.Parse(failing.Output))
        {
            Assert.False(document.RootElement.GetProperty("passed").GetBoolean());
            var statuses = document.RootElement.GetProperty("changes").EnumerateArray()
                .Select(static c => (c.GetProperty("commit_hash").GetString(), c.GetProperty("usecase").GetString(), c.GetProperty("status").GetString()))
                .ToList();
            (string?, string?, string?)[] expected =
            [(_third[..7], "classify", "within_grace"), (_second[..7], "summarize", "unevaluated"), (_first[..7], "summarize", "evaluated"), (_first[..7], "classify", "evaluated")];
            Assert.Equal(expected.OrderBy(static s => s.ToString(), StringComparer.Ordinal), statuses.OrderBy(static s => s.ToString(), StringComparer.Ordinal));
            Assert.All(document.RootElement.GetProperty("changes").EnumerateArray(), static c => Assert.Equal("prod", c.GetProperty("environment").GetString()));
        }

        WriteReport(_second[..7] + "/summarize_results.html");
        var passing = await CliRunner.RunAsync("check", _repository.Path, "--results", _results.Path, "--format", "text");
        Assert.Equal(0, passing.ExitCode);
        Assert.Contains("check passed: 4 changes in the whole history, 3 evaluated, 0 without an evaluation report after the 1 h grace period, 1 within it.", passing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grace_period_longer_than_the_unevaluated_change_lets_it_pass_and_a_zero_grace_fails_the_new_one()
    {
        var lenient = await CliRunner.RunAsync("check", _repository.Path, "--results", _results.Path, "--grace", "6d");
        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains("0 without an evaluation report after the 6 d grace period, 2 within it.", lenient.Output, StringComparison.Ordinal);

        var strict = await CliRunner.RunAsync("check", _repository.Path, "--results", _results.Path, "--grace", "0s", "--json");
        Assert.Equal(3, strict.ExitCode);
        using var document = JsonDocument.Parse(strict.Output);
        Assert.Equal(2, document.RootElement.GetProperty("changes").EnumerateArray().Count(static c => c.GetProperty("status").GetString() == "unevaluated"));
    }

    [Fact]
    public async Task Since_limits_the_range_and_other_environments_are_gated_with_env()
    {
        var since = await CliRunner.RunAsync("check", _repository.Path, "--results", _results.Path, "--since", _second, "--json");
        Assert.Equal(0, since.ExitCode);
        using (var document = JsonDocument.Parse(since.Output))
        {
            Assert.Equal($"{_second}..main", document.RootElement.GetProperty("range").GetString());
            var change = Assert.Single(document.RootElement.GetProperty("changes").EnumerateArray());
            Assert.Equal(_third, change.GetProperty("commit_sha").GetString());
        }

        var test = await CliRunner.RunAsync("check", _repository.Path, "--results", _results.Path, "--env", "test", "--json");
        Assert.Equal(3, test.ExitCode);
        using var tested = JsonDocument.Parse(test.Output);
        Assert.Equal(
            ["unevaluated"],
            tested.RootElement.GetProperty("changes").EnumerateArray().Where(static c => c.GetProperty("usecase").GetString() == "summarize" && c.GetProperty("commit_message").GetString() == "Try the mini model in test").Select(static c => c.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Bad_input_is_one_line_and_exit_code_1()
    {
        var grace = await CliRunner.RunAsync("check", _repository.Path, "--results", _results.Path, "--grace", "soon");
        Assert.Equal(PromptWatchCli.UserError, grace.ExitCode);
        Assert.Equal($"promptwatch: --grace must be a duration such as 90s, 30m, 2h, 7d or 01:30:00 (got 'soon').{Environment.NewLine}", grace.Error);

        var folder = await CliRunner.RunAsync("check", _repository.Path, "--results", _results.Combine("missing"));
        Assert.Equal(PromptWatchCli.UserError, folder.ExitCode);
        Assert.StartsWith("promptwatch: --results ", folder.Error, StringComparison.Ordinal);

        var revision = await CliRunner.RunAsync("check", _repository.Path, "--results", _results.Path, "--since", "no-such-tag");
        Assert.Equal(PromptWatchCli.UserError, revision.ExitCode);
        Assert.Equal($"promptwatch: --since no-such-tag is not a commit, tag or branch of the repository.{Environment.NewLine}", revision.Error);
    }

    [Fact]
    public async Task Results_in_a_real_s3_bucket_gate_the_same_changes()
    {
        var endpoint = Required("PROMPTWATCH_TEST_S3_ENDPOINT");
        var accessKey = Required("PROMPTWATCH_TEST_S3_ACCESS_KEY");
        var secretKey = Required("PROMPTWATCH_TEST_S3_SECRET_KEY");
        var bucket = "cli-check-" + Guid.NewGuid().ToString("N")[..12];
        using var s3 = new Amazon.S3.AmazonS3Client(accessKey, secretKey, new Amazon.S3.AmazonS3Config { ServiceURL = endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1", UseHttp = true });
        await s3.PutBucketAsync(bucket);
        await PutAsync(s3, bucket, _first[..7] + "/summarize_results.html");
        await PutAsync(s3, bucket, _first[..9] + "/classify_results.html");
        string[] names = ["S3_ENDPOINT", "S3_ACCESS_KEY", "S3_SECRET_KEY"];
        var previous = names.Select(Environment.GetEnvironmentVariable).ToArray();
        Environment.SetEnvironmentVariable("S3_ENDPOINT", endpoint);
        Environment.SetEnvironmentVariable("S3_ACCESS_KEY", accessKey);
        Environment.SetEnvironmentVariable("S3_SECRET_KEY", secretKey);
        try
        {
            var failing = await CliRunner.RunAsync("check", _repository.Path, "--results", "s3://" + bucket, "--format", "junit");
            Assert.Equal(3, failing.ExitCode);
            var suite = XDocument.Parse(failing.Output).Root!.Element("testsuite")!;
            Assert.Equal(4, suite.Elements("testcase").Count());
            var failure = Assert.Single(suite.Elements("testcase"), static c => c.Element("failure") is not null);
            Assert.Equal($"summarize in prod at {_second[..7]}", failure.Attribute("name")!.Value);
            Assert.DoesNotContain(secretKey, failing.Output + failing.Error, StringComparison.Ordinal);

            await PutAsync(s3, bucket, _second + "/summarize_results.html");
            var passing = await CliRunner.RunAsync("check", _repository.Path, "--results", "s3://" + bucket, "--format", "junit");
            Assert.Equal(0, passing.ExitCode);
            Assert.Equal("0", XDocument.Parse(passing.Output).Root!.Element("testsuite")!.Attribute("failures")!.Value);

            var missing = await CliRunner.RunAsync("check", _repository.Path, "--results", "s3://no-such-bucket-" + bucket);
            Assert.Equal(PromptWatchCli.UserError, missing.ExitCode);
            Assert.Single(missing.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain(secretKey, missing.Error, StringComparison.Ordinal);
        }
        finally
        {
            for (var i = 0; i < names.Length; i++) Environment.SetEnvironmentVariable(names[i], previous[i]);
        }
    }

    private static async Task PutAsync(Amazon.S3.AmazonS3Client s3, string bucket, string key) =>
        await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "<html>" + key + "</html>", UseChunkEncoding = false });

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: run the tests through ./build.sh test, or start scripts/s3-server.sh start <folder> and export its env file.");

    public void Dispose()
    {
        _repository.Dispose();
        _results.Dispose();
    }

    private void WriteReport(string key)
    {
        var path = _results.Combine(key.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "<html>report " + key + " " + DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture) + "</html>");
    }
}
