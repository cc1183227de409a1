using System.IO.Compression;
using System.Text.Json.Nodes;
using StudyBot.Conversations;
using Microsoft.Extensions.DependencyInjection;
using StudyBot.Tests.Infrastructure;

namespace StudyBot.Tests.Manifest;

/// <summary>The Teams app package: what it holds, its icons, Microsoft's validator, and commands that work.</summary>
public sealed class ManifestTests
{
    private static readonly string ManifestDir = Path.Combine(RepoPaths.Root, "manifest");
    private const string AppId = "11111111-2222-3333-4444-555555555555";

    private static async Task<string> PackageAsync()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"studybot-{Guid.NewGuid():N}.zip");
        var exit = await StudyBot.Cli.TryRunAsync(["package-manifest", "--app-id", AppId, "--out", zip, "--manifest-dir", ManifestDir]);
        Assert.Equal(0, exit);
        return zip;
    }

    [Fact]
    public async Task The_package_holds_the_manifest_with_the_app_id_and_both_icons_at_the_top()
    {
        var zip = await PackageAsync();
        using var archive = ZipFile.OpenRead(zip);

        Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order());
        using var reader = new StreamReader(archive.GetEntry("manifest.json")!.Open());
        var manifest = JsonNode.Parse(await reader.ReadToEndAsync())!;
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("1.30", manifest["manifestVersion"]!.GetValue<string>());
        File.Delete(zip);
    }

    [Fact]
    public async Task Packaging_without_a_guid_app_id_fails_with_a_clear_exit_code()
    {
        Assert.Equal(2, await StudyBot.Cli.TryRunAsync(["package-manifest", "--app-id", "not-a-guid"]));
    }

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public void Icons_have_the_sizes_teams_requires(string file, int size)
    {
        var png = Png.Read(Path.Combine(ManifestDir, file));
        Assert.Equal((size, size), (png.Width, png.Height));
    }

    [Fact]
    public void The_outline_icon_is_white_on_transparent()
    {
        var png = Png.Read(Path.Combine(ManifestDir, "outline.png"));
        Assert.True(png.HasAlpha);
        var pixels = png.Pixels().ToList();
        Assert.Contains(pixels, p => p.A == 0);
        Assert.Contains(pixels, p => p.A == 255);
        Assert.All(pixels.Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
    }

    [Fact]
    public async Task Every_command_in_the_manifest_is_one_the_bot_understands()
    {
        // The command table exactly as the service builds it, with every feature registered.
        await using var app = StudyBotApp.Build(["--environment=Development"]);
        var table = app.Services.GetRequiredService<CommandTable>();
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(ManifestDir, "manifest.json")))!;
        var titles = manifest["bots"]![0]!["commandLists"]!.AsArray()
            .SelectMany(l => l!["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>())).ToList();
        Assert.NotEmpty(titles);
        Assert.All(titles, title => Assert.True(table.Match(title) is not null, $"'{title}' is not a command"));
    }

    [NodeToolsFact]
    public async Task The_manifest_passes_microsofts_app_manifest_validator()
    {
        var zip = await PackageAsync();
        var extracted = Directory.CreateTempSubdirectory("studybot-manifest-").FullName;
        ZipFile.ExtractToDirectory(zip, extracted);

        var errors = await ValidateAsync(Path.Combine(extracted, "manifest.json"));

        Assert.Empty(errors);
        Directory.Delete(extracted, true);
        File.Delete(zip);
    }

    [NodeToolsFact]
    public async Task The_validator_does_catch_a_broken_manifest()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(ManifestDir, "manifest.json")))!.AsObject();
        manifest.Remove("accentColor");
        manifest["name"]!["short"] = new string('x', 40);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, manifest.ToJsonString());

        Assert.True((await ValidateAsync(file)).Count >= 2);
        File.Delete(file);
    }

    private static async Task<List<string>> ValidateAsync(string manifestFile)
    {
        var (exit, stdout, stderr) = await ClientTools.RunNodeAsync("validate-manifest.js", [manifestFile], TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, stderr);
        var result = JsonNode.Parse(stdout.Split('\n').Last(l => l.StartsWith('{')))!;
        return result["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
    }
}
