using PromptWatch.Results;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Results;

/// <summary>Result files in a real local folder: listing, reading, and refusing keys outside the folder.</summary>
public sealed class LocalFolderResultStoreTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public async Task Listing_indexes_the_result_files_and_ignores_the_rest()
    {
        using var folder = new TemporaryFolder();
        folder.WriteFile($"{Sha[..7]}/summarize_results.html", "<p>evaluation</p>");
        folder.WriteFile($"guidellm-benchmarks/{Sha[..12]}/benchmark-results.html", "<p>benchmark</p>");
        folder.WriteFile($"{Sha[..7]}/notes.txt", "not html");
        folder.WriteFile($"{Sha[..7]}/deeper/still/summarize_results.html", "too deep");
        folder.WriteFile("index.html", "no commit folder");
        var store = new LocalFolderResultStore(folder.Path);

        var index = await store.ListAsync(CancellationToken.None);

        Assert.Equal(2, index.Count);
        var found = index.Find(Sha);
        Assert.Equal([$"{Sha[..7]}/summarize_results.html", $"guidellm-benchmarks/{Sha[..12]}/benchmark-results.html"], found.Select(static r => r.Key));
        Assert.Equal("<p>evaluation</p>".Length, found[0].Size);
        Assert.Equal(EvaluationResultKind.Benchmark, found[1].Kind);
    }

    [Fact]
    public async Task A_missing_folder_lists_an_empty_index()
    {
        using var folder = new TemporaryFolder();
        var store = new LocalFolderResultStore(Path.Combine(folder.Path, "missing"));

        var index = await store.ListAsync(CancellationToken.None);

        Assert.Equal(0, index.Count);
        Assert.Empty(index.Find(Sha));
    }

    [Fact]
    public async Task Opening_a_listed_file_reads_its_content()
    {
        using var folder = new TemporaryFolder();
        folder.WriteFile($"{Sha[..7]}/summarize_results.html", "<p>evaluation</p>");
        var store = new LocalFolderResultStore(folder.Path);
        var result = (await store.ListAsync(CancellationToken.None)).Find(Sha).Single();

        Assert.Equal("<p>evaluation</p>", await ReadAsync(store, result));
    }

    [Fact]
    public async Task A_root_written_with_a_trailing_separator_opens_its_files()
    {
        using var folder = new TemporaryFolder();
        folder.WriteFile($"{Sha[..7]}/summarize_results.html", "<p>evaluation</p>");
        var store = new LocalFolderResultStore(folder.Path + Path.DirectorySeparatorChar);
        var result = (await store.ListAsync(CancellationToken.None)).Find(Sha).Single();

        Assert.Equal($"{Sha[..7]}/summarize_results.html", result.Key);
        Assert.Equal("<p>evaluation</p>", await ReadAsync(store, result));
    }

    [Theory]
    [InlineData("../outside.html")]
    [InlineData("0123456/../../outside.html")]
    [InlineData("root/../../outside.html")]
    public async Task A_crafted_result_whose_key_escapes_the_root_is_not_found(string key)
    {
        using var folder = new TemporaryFolder();
        folder.WriteFile("outside.html", "secret");
        var root = Path.Combine(folder.Path, "root");
        Directory.CreateDirectory(Path.Combine(root, "0123456"));
        var store = new LocalFolderResultStore(root);
        var crafted = new EvaluationResult(key, "0123456", null, EvaluationResultKind.Other, "outside", null);

        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(crafted, CancellationToken.None));
    }

    [Fact]
    public async Task A_listed_file_deleted_since_is_not_found()
    {
        using var folder = new TemporaryFolder();
        var path = folder.WriteFile($"{Sha[..7]}/summarize_results.html", "<p>evaluation</p>");
        var store = new LocalFolderResultStore(folder.Path);
        var result = (await store.ListAsync(CancellationToken.None)).Find(Sha).Single();
        File.Delete(path);

        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(result, CancellationToken.None));
    }

    private static async Task<string> ReadAsync(LocalFolderResultStore store, EvaluationResult result)
    {
        await using var stream = await store.OpenReadAsync(result, CancellationToken.None);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
