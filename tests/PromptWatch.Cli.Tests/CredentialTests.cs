namespace PromptWatch.Cli.Tests;

/// <summary>Credentials go to the server through the credentials handler and nowhere else.</summary>
[Collection(PasswordVariableTests.Name)]
public sealed class CredentialTests
{
    private const string Password = "s3cret-token-value";

    [Fact]
    public async Task Refused_credentials_are_one_clear_line_without_the_secret()
    {
        using var server = new RefusingHttpServer();
        using var cache = new TempFolder();
        Environment.SetEnvironmentVariable("PROMPTWATCH_GIT_PASSWORD", Password);
        CliResult result;
        try
        {
            result = await CliRunner.RunAsync("scan", $"http://127.0.0.1:{server.Port}/team/app.git", "--username", "deploy-bot", "--cache-dir", cache.Path);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PROMPTWATCH_GIT_PASSWORD", null);
        }

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"promptwatch: Could not clone http://127.0.0.1:{server.Port}/team/app.git: authentication failed (check the user name and password or token).\n", result.Error);
        Assert.DoesNotContain(Password, result.Output + result.Error);

        // The server saw the credentials once, as basic authentication, and was not asked again and again.
        var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("deploy-bot:" + Password));
        Assert.Equal(1, server.Authorizations.Count(a => a == expected));
        Assert.True(server.Authorizations.Count <= 3, $"{server.Authorizations.Count} requests");
    }
}
