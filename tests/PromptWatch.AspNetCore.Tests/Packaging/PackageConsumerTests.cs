using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Tests.Support;

namespace PromptWatch.AspNetCore.Tests.Packaging;

/// <summary>
/// Packs the libraries as a release would and installs them, from a local feed, into a web project made by
/// <c>dotnet new web</c>: what a user of the packages does, with nothing of this repository's build around it.
/// </summary>
public sealed class PackageConsumerTests : IDisposable
{
    private static readonly string[] PackedProjects = ["PromptWatch.Core", "PromptWatch.AspNetCore", "PromptWatch.S3", "PromptWatch.Redis", "PromptWatch.GitHub", "PromptWatch.Cli"];

    private readonly TemporaryFolder _work = new();
    private readonly WatchedRepository _repository = new();

    // A version of its own per run: nothing from an earlier run (in the global package folder) is ever reused.
    private readonly string _version = $"0.1.0-test.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Environment.ProcessId}";

    [Fact]
    public async Task The_packages_install_into_a_fresh_web_project_that_then_serves_the_timeline()
    {
        // A bound for "does not hang", not for speed: on a two-core machine packing competes with the other test projects
        // (at a load of 20 each of the six packs took a minute or more, and the whole test came to 10 minutes).
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");
        _repository.Set("prod", "summarize", "gpt-4o-mini", "Summarize the text.");
        var feed = Directory.CreateDirectory(Path.Combine(_work.Path, "feed")).FullName;
        try
        {
            await PackAsync(feed, timeout.Token);
            var consumer = await CreateConsumerAsync(feed, timeout.Token);
            AssertOnlyTheCorePackagesCame(consumer);
            await ServeAndQueryAsync(consumer, timeout.Token);
        }
        finally
        {
            RemoveFromGlobalPackagesFolder();
        }
    }

    public void Dispose()
    {
        _repository.Dispose();
        _work.Dispose();
    }

    private async Task PackAsync(string feed, CancellationToken cancellationToken)
    {
        var root = Support.RepositoryRoot.Path;
        // Build output goes to a folder of the test's own, so the repository's bin and obj folders keep the build
        // that runs these tests.
        var artifacts = Path.Combine(_work.Path, "artifacts");
        foreach (var project in PackedProjects)
        {
            await DotnetProcess.RunAsync(root, cancellationToken,
                "pack", Path.Combine(root, "src", project, project + ".csproj"), "-c", "Release", "-o", feed, $"-p:Version={_version}", "--artifacts-path", artifacts);
        }

        foreach (var project in PackedProjects)
        {
            var package = Path.Combine(feed, $"{project}.{_version}.nupkg");
            var symbols = Path.Combine(feed, $"{project}.{_version}.snupkg");
            Assert.True(File.Exists(package), $"{package} was not made; the feed holds: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
            Assert.True(File.Exists(symbols), $"{symbols} was not made.");

            using (var zip = ZipFile.OpenRead(package))
            {
                Assert.Contains(zip.Entries, static e => e.FullName == "README.md");
                using var nuspecStream = zip.Entries.Single(static e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
                var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(static e => e.Name.LocalName == "metadata");
                string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
                Assert.Equal(_version, Value("version"));
                Assert.Equal("MIT", Value("license"));
                Assert.Equal("README.md", Value("readme"));
                Assert.False(string.IsNullOrWhiteSpace(Value("description")));
                // Source Link's repository information: the commit the package was built from.
                var repository = metadata.Elements().Single(static e => e.Name.LocalName == "repository");
                Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? string.Empty);
            }

            using (var zip = ZipFile.OpenRead(symbols))
            {
                Assert.Contains(zip.Entries, e => e.FullName.EndsWith($"/{project}.pdb", StringComparison.Ordinal));
            }
        }
    }

    private async Task<string> CreateConsumerAsync(string feed, CancellationToken cancellationToken)
    {
        // The temporary folder is outside the repository; the empty files make sure no Directory.Build.props or
        // central package versions from a folder above it apply either.
        File.WriteAllText(Path.Combine(_work.Path, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(_work.Path, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(_work.Path, "Directory.Packages.props"), "<Project />\n");
        var consumer = Path.Combine(_work.Path, "consumer");
        await DotnetProcess.RunAsync(_work.Path, cancellationToken, "new", "web", "--name", "Consumer", "--output", consumer, "--no-restore", "--no-update-check");

        // The local feed in addition to the configured sources, which give the packages' dependencies.
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="promptwatch-test-feed" value="{System.Security.SecurityElement.Escape(feed)}" />
              </packageSources>
            </configuration>
            """);
        await DotnetProcess.RunAsync(consumer, cancellationToken, "add", "package", "PromptWatch.AspNetCore", "--version", _version);

        var program = Path.Combine(consumer, "Program.cs");
        var lines = File.ReadAllLines(program).ToList();
        var builder = lines.FindIndex(static l => l.Contains("WebApplication.CreateBuilder(args);", StringComparison.Ordinal));
        Assert.True(builder >= 0, "The template's Program.cs has no CreateBuilder line:\n" + string.Join('\n', lines));
        var location = "@\"" + _repository.Path.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        lines.Insert(builder + 1, $"builder.Services.AddPromptWatch(o => o.Repositories.Add(new() {{ Location = {location} }}));");
        var app = lines.FindIndex(static l => l.Contains("builder.Build();", StringComparison.Ordinal));
        Assert.True(app >= 0, "The template's Program.cs has no Build line:\n" + string.Join('\n', lines));
        lines.Insert(app + 1, "app.MapPromptWatch(\"/promptwatch\");");
        File.WriteAllLines(program, lines);

        await DotnetProcess.RunAsync(consumer, cancellationToken, "build", "-c", "Release");
        return consumer;
    }

    // The consumer asked for PromptWatch.AspNetCore only: it gets Core with it, but neither the workspaces packages nor
    // a demo assembly, in what restore resolved or in what the build put beside it.
    private static void AssertOnlyTheCorePackagesCame(string consumer)
    {
        static bool Unwanted(string name) =>
            name.StartsWith("PromptWatch.Workspaces", StringComparison.OrdinalIgnoreCase) || name.StartsWith("PromptWatch.Demo", StringComparison.OrdinalIgnoreCase);

        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer, "obj", "project.assets.json")));
        var libraries = assets.RootElement.GetProperty("libraries").EnumerateObject().Select(static l => l.Name.Split('/')[0]).ToList();
        Assert.Contains("PromptWatch.Core", libraries);
        Assert.Contains("PromptWatch.AspNetCore", libraries);
        Assert.DoesNotContain(libraries, Unwanted);

        var assemblies = Directory.GetFiles(Path.Combine(consumer, "bin", "Release", "net10.0"), "*.dll").Select(static f => Path.GetFileName(f)).ToList();
        Assert.Contains("PromptWatch.Core.dll", assemblies);
        Assert.Contains("PromptWatch.AspNetCore.dll", assemblies);
        Assert.DoesNotContain(assemblies, Unwanted);
    }

    private static async Task ServeAndQueryAsync(string consumer, CancellationToken cancellationToken)
    {
        // Port 0: the consumer takes a free port itself and names it in its log (a port picked here could be taken
        // by another process of a busy machine before the consumer binds it).
        using var server = DotnetProcess.Start(consumer, Path.Combine(consumer, "bin", "Release", "net10.0", "Consumer.dll"), "--urls", "http://127.0.0.1:0");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        string? last = null;
        while (true)
        {
            Assert.False(server.HasExited, $"The consumer stopped. Its output:\n{server.Output}");
            if (cancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"The consumer did not serve the timeline in time; last answer: {last ?? "none"}. Its output:\n{server.Output}");
            }

            try
            {
                client.BaseAddress ??= ListeningAddress(server.Output);
                if (client.BaseAddress is null)
                {
                    last = "not listening yet";
                    await Task.Delay(250, cancellationToken);
                    continue;
                }

                using var refresh = await client.PostAsync(new Uri("api/refresh", UriKind.Relative), null, cancellationToken);
                using var changes = await client.GetAsync(new Uri("api/changes", UriKind.Relative), cancellationToken);
                var body = await changes.Content.ReadAsStringAsync(cancellationToken);
                last = $"refresh {(int)refresh.StatusCode}, changes {(int)changes.StatusCode}: {body}";
                if (refresh.StatusCode == HttpStatusCode.OK && changes.StatusCode == HttpStatusCode.OK)
                {
                    using var json = JsonDocument.Parse(body);
                    var entries = json.RootElement.EnumerateArray()
                        .Select(static e => $"{e.GetProperty("environment").GetString()}/{e.GetProperty("usecase").GetString()}");
                    Assert.True(entries.SequenceEqual(["prod/summarize", "test/summarize"]), $"Unexpected timeline: {body}\nThe consumer's output:\n{server.Output}");
                    return;
                }
            }
            catch (HttpRequestException error)
            {
                // Not listening yet.
                last = error.Message;
            }
            catch (OperationCanceledException)
            {
                continue;
            }

            try
            {
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Reported at the top of the loop.
            }
        }
    }

    /// <summary>The consumer's PromptWatch address, from the "Now listening on: ..." line ASP.NET Core logs once it listens.</summary>
    private static Uri? ListeningAddress(string output)
    {
        const string Listening = "Now listening on: ";
        var line = output.Split('\n').FirstOrDefault(static l => l.Contains(Listening, StringComparison.Ordinal));
        return line is null ? null : new Uri(line[(line.IndexOf(Listening, StringComparison.Ordinal) + Listening.Length)..].Trim().TrimEnd('/') + "/promptwatch/");
    }

    // The consumer's restore unpacked this run's packages into the global package folder; nothing will use them again.
    private void RemoveFromGlobalPackagesFolder()
    {
        foreach (var folder in GlobalPackagesFolders())
        {
            foreach (var project in PackedProjects)
            {
                var id = Path.Combine(folder, project.ToLowerInvariant());
                var version = Path.Combine(id, _version.ToLowerInvariant());
                if (Directory.Exists(version)) Directory.Delete(version, recursive: true);
                if (Directory.Exists(id) && !Directory.EnumerateFileSystemEntries(id).Any()) Directory.Delete(id);
            }
        }
    }

    // The folders the consumer's restore used, as its assets file names them; without one, nothing was unpacked.
    private IEnumerable<string> GlobalPackagesFolders()
    {
        var assets = Path.Combine(_work.Path, "consumer", "obj", "project.assets.json");
        if (!File.Exists(assets)) return [];
        using var json = JsonDocument.Parse(File.ReadAllText(assets));
        return json.RootElement.TryGetProperty("packageFolders", out var folders)
            ? folders.EnumerateObject().Select(static f => f.Name).ToList()
            : [];
    }
}
