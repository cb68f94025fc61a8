using System.Text;
using System.Text.Json.Nodes;

namespace PromptWatch.GitHub.Tests.Support;

/// <summary>Variants of fixture payloads, derived in code (the fixtures themselves are never edited).</summary>
public static class Payloads
{
    public static JsonObject Load(string file) => JsonNode.Parse(Fixtures.Read(file))!.AsObject();

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static byte[] With(string file, Action<JsonObject> change)
    {
        var node = Load(file);
        change(node);
        return Bytes(node);
    }

    /// <summary>A push of commits to a branch, each commit (id, added, modified) as given.</summary>
    public static byte[] Push(string branch, string fullName, params (string Id, string[] Added, string[] Modified)[] commits) =>
        With("push/with-new-branch.payload.json", p =>
        {
            p["ref"] = "refs/heads/" + branch;
            p["repository"]!["full_name"] = fullName;
            p["repository"]!["clone_url"] = $"https://github.com/{fullName}.git";
            p["repository"]!["html_url"] = $"https://github.com/{fullName}";
            p["repository"]!["ssh_url"] = $"git@github.com:{fullName}.git";
            p["repository"]!["git_url"] = $"git://github.com/{fullName}.git";
            var list = new JsonArray();
            foreach (var (id, added, modified) in commits)
            {
                list.Add(new JsonObject
                {
                    ["id"] = id,
                    ["distinct"] = true,
                    ["message"] = "change",
                    ["added"] = new JsonArray([.. added.Select(a => (JsonNode)JsonValue.Create(a)!)]),
                    ["modified"] = new JsonArray([.. modified.Select(a => (JsonNode)JsonValue.Create(a)!)]),
                    ["removed"] = new JsonArray(),
                });
            }

            p["commits"] = list;
        });
}
