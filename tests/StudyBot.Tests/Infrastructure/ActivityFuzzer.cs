using System.Text;
using System.Text.Json.Nodes;

namespace StudyBot.Tests.Infrastructure;

/// <summary>
/// Hostile activities: real Teams shapes (messages, card clicks with every verb the bot knows, installs, files), then
/// one to three random mutations each: huge strings, deep nesting, wrong types, lone surrogates, decomposed Vietnamese,
/// markup, removed or added fields, broken JSON. The serviceUrl stays on loopback unless a mutation moves it.
/// </summary>
public sealed class ActivityFuzzer(int seed, string serviceUrl, IReadOnlyList<string> verbs)
{
    private readonly Random _random = new(seed);
    private static readonly string[] Texts =
    [
        "trợ giúp", "kiểm tra", "đề cử", "hỏi 4 Rõ là gì", "chủ đề 2025", "nhắc", "thành viên Chi bộ Thu", "vai trò x lãnh đạo",
        "Tro giup", "<at>StudyBot</at> help", "**đậm** [link](https://evil.example) <script>x</script>",
        "Vie\u0302\u0323t Nam đã\u0300", "\ud800lone surrogate", "\u202Eright-to-left", "a\0b", new string('ừ', 5000),
    ];

    /// <summary>The body to POST: usually JSON, sometimes deliberately broken.</summary>
    public string Next()
    {
        var activity = Shape();
        for (var i = _random.Next(1, 4); i > 0; i--) Mutate(activity);
        string json;
        try { json = activity.ToJsonString(); }
        catch (InvalidOperationException) { json = "{\"type\":\"message\",\"text\":" + new string('[', 5000) + "}"; } // deeper than the writer allows
        return _random.Next(20) switch
        {
            0 => json[..Math.Max(1, _random.Next(json.Length))], // cut short
            1 => json.Replace("\"", "'"),
            _ => json,
        };
    }

    private JsonObject Base(string type, string user, string conversation, string? text = null)
    {
        var activity = new JsonObject
        {
            ["type"] = type, ["id"] = Guid.NewGuid().ToString("N"), ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = serviceUrl, ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = user, ["name"] = "Nguyễn Thị Hoa", ["aadObjectId"] = "aad-" + user },
            ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = "fuzz-tenant" },
            ["recipient"] = new JsonObject { ["id"] = "28:studybot", ["name"] = "StudyBot" }, ["locale"] = "vi-VN",
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "fuzz-tenant" } },
        };
        if (text is not null) activity["text"] = text;
        return activity;
    }

    private JsonObject Shape()
    {
        var user = $"29:fuzz-{_random.Next(50)}";
        var conversation = _random.Next(10) == 0 ? "19:channel@thread.tacv2" : $"a:fuzz-{_random.Next(50)}";
        switch (_random.Next(6))
        {
            case 0 or 1 or 2:
                return Base("message", user, conversation, Texts[_random.Next(Texts.Length)]);
            case 3:
            {
                var data = new JsonObject();
                foreach (var key in new[] { "attemptId", "roundId", "nominationId", "reminderId", "occurrenceId", "escalationId", "itemId", "entryId", "unit", "position", "answer", "reason", "question", "title" })
                    if (_random.Next(3) == 0) data[key] = Value(depth: 0);
                var invoke = Base("invoke", user, conversation);
                invoke["name"] = "adaptiveCard/action";
                invoke["value"] = new JsonObject
                {
                    ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verbs[_random.Next(verbs.Count)], ["data"] = data },
                    ["trigger"] = "manual",
                };
                return invoke;
            }
            case 4:
            {
                var installed = Base("installationUpdate", user, conversation);
                installed["action"] = "add";
                return installed;
            }
            default:
            {
                var file = Base("message", user, conversation, "");
                file["attachments"] = new JsonArray(new JsonObject
                {
                    ["contentType"] = "application/vnd.microsoft.teams.file.download.info", ["name"] = "members.csv",
                    ["content"] = new JsonObject { ["downloadUrl"] = serviceUrl + "files/x.csv", ["fileType"] = "csv" },
                });
                return file;
            }
        }
    }

    private void Mutate(JsonObject root)
    {
        var (parent, key) = PickProperty(root);
        switch (_random.Next(5))
        {
            case 0: parent.Remove(key); break;
            case 1: parent[$"extra{_random.Next(100)}"] = Value(0); break;
            default: parent[key] = Value(0); break;
        }
    }

    /// <summary>Any property at any depth, by walking down from the root at random.</summary>
    private (JsonObject Parent, string Key) PickProperty(JsonObject node)
    {
        while (true)
        {
            if (node.Count == 0) return (node, "type");
            var (key, value) = node.ElementAt(_random.Next(node.Count));
            if (value is JsonObject child && _random.Next(2) == 0) { node = child; continue; }
            return (node, key);
        }
    }

    private JsonNode? Value(int depth) => _random.Next(12) switch
    {
        0 => null,
        1 => _random.Next(),
        2 => _random.NextDouble() * 1e300,
        3 => _random.Next(2) == 0,
        4 => new string('x', _random.Next(1, 200_000)),
        5 => Texts[_random.Next(Texts.Length)],
        6 => Deep(_random.Next(50, 300)),
        7 => new JsonArray(Value(depth + 1), Value(depth + 1)),
        8 when depth < 3 => new JsonObject { ["type"] = Value(depth + 1), ["id"] = Value(depth + 1) },
        9 => "http://evil.example/",
        10 => Guid.NewGuid().ToString(),
        _ => "",
    };

    private static JsonNode Deep(int depth)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++) text.Append("{\"a\":");
        text.Append('1').Append('}', depth);
        try { return JsonNode.Parse(text.ToString(), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1000 })!; }
        catch (System.Text.Json.JsonException) { return "deep"; }
    }

    /// <summary>An invoke with a name other than a card action: the bot answers 501, as the protocol prescribes.</summary>
    public static bool IsOtherInvoke(string body)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(body) is System.Text.Json.Nodes.JsonObject a
                   && StudyBot.Protocol.JsonText.At(a, "type") == "invoke" && StudyBot.Protocol.JsonText.At(a, "name") != "adaptiveCard/action";
        }
        catch (System.Text.Json.JsonException) { return false; }
    }
}
