using System.IO.Compression;
using System.Text.Json.Nodes;

namespace StudyBot.Manifest;

/// <summary>
/// Builds the Teams app package: manifest.json with the bot's app id put in, and the two icons, zipped
/// flat as Teams expects. The manifest in the repository keeps a zero id so it can be validated as it is.
/// </summary>
public static class ManifestPackage
{
    public static readonly string[] Files = ["manifest.json", "color.png", "outline.png"];

    public static string Build(string manifestDir, Guid appId, string output)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(manifestDir, "manifest.json")))!.AsObject();
        manifest["id"] = appId.ToString();
        foreach (var bot in manifest["bots"]!.AsArray()) bot!["botId"] = appId.ToString();

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.Delete(output);
        using var zip = ZipFile.Open(output, ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open()))
            writer.Write(manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions
            {
                WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }));
        foreach (var icon in Files.Skip(1)) zip.CreateEntryFromFile(Path.Combine(manifestDir, icon), icon);
        return output;
    }

    /// <summary>manifest/ above the working directory or the program, so the command works from anywhere in the clone.</summary>
    public static string? FindManifestDir()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "manifest", "manifest.json")))
                    return Path.Combine(dir.FullName, "manifest");
        return null;
    }
}
