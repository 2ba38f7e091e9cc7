using System.Buffers.Binary;
using System.Text.Json;

namespace CniBot.Tests;

/// <summary>deploy/teams holds a Teams app that the Teams admin centre accepts: the manifest's rules and the icon sizes.</summary>
public sealed class TeamsManifestTests
{
    private static readonly string Folder = Path.Combine(Directory.GetParent(CniBotFactory.RepositoryKnowledge)!.FullName, "deploy", "teams");

    [Fact]
    public void Manifest_DeclaresTheSearchExtension_AndPromptStartersInBothLanguages()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
        var search = Assert.Single(manifest.RootElement.GetProperty("composeExtensions")[0].GetProperty("commands").EnumerateArray(), c => c.GetProperty("id").GetString() == "search");

        Assert.Equal("query", search.GetProperty("type").GetString());
        Assert.Equal(["compose", "commandBox"], search.GetProperty("context").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("query", Assert.Single(search.GetProperty("parameters").EnumerateArray()).GetProperty("name").GetString()); // the parameter the bot reads
        Assert.InRange(search.GetProperty("title").GetString()!.Length, 1, 32);

        var starters = manifest.RootElement.GetProperty("bots")[0].GetProperty("commandLists")[0].GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("title").GetString()!).ToArray();
        Assert.InRange(starters.Length, 2, 10);
        Assert.Contains(starters, t => t.Any(c => c >= '\u4e00' && c <= '\u9fff'));
        Assert.Contains(starters, t => t.All(c => c < 128));
    }

    [Fact]
    public void Manifest_DeclaresTheInspectMessageAction()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
        var extension = Assert.Single(manifest.RootElement.GetProperty("composeExtensions").EnumerateArray());
        Assert.Equal("${{MICROSOFT_APP_ID}}", extension.GetProperty("botId").GetString());
        var command = extension.GetProperty("commands").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "inspect");

        Assert.Equal("inspect", command.GetProperty("id").GetString()); // the id the bot answers (MessagesEndpointTests sends it)
        Assert.Equal("action", command.GetProperty("type").GetString());
        Assert.Equal(["message"], command.GetProperty("context").EnumerateArray().Select(c => c.GetString()));
        Assert.True(command.GetProperty("fetchTask").GetBoolean());
        Assert.InRange(command.GetProperty("title").GetString()!.Length, 1, 32);
        Assert.InRange(command.GetProperty("description").GetString()!.Length, 1, 128);
    }

    [Fact]
    public void Manifest_HasTheRequiredFieldsWithinTheirLimits()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
        var root = manifest.RootElement;

        Assert.Equal("1.25", root.GetProperty("manifestVersion").GetString());
        Assert.Contains("/v1.25/", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        Assert.Equal("${{MICROSOFT_APP_ID}}", root.GetProperty("id").GetString());
        Assert.InRange(root.GetProperty("name").GetProperty("short").GetString()!.Length, 1, 30);
        Assert.InRange(root.GetProperty("name").GetProperty("full").GetString()!.Length, 1, 100);
        var description = root.GetProperty("description");
        Assert.InRange(description.GetProperty("short").GetString()!.Length, 1, 80);
        Assert.InRange(description.GetProperty("full").GetString()!.Length, 1, 4000);
        Assert.NotEqual(description.GetProperty("short").GetString(), description.GetProperty("full").GetString());
        Assert.InRange(root.GetProperty("developer").GetProperty("name").GetString()!.Length, 1, 32);
        Assert.Matches("^#[0-9A-Fa-f]{6}$", root.GetProperty("accentColor").GetString());
        foreach (var url in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            Assert.StartsWith("https://", root.GetProperty("developer").GetProperty(url).GetString(), StringComparison.Ordinal);
        }

        var bot = Assert.Single(root.GetProperty("bots").EnumerateArray());
        Assert.Equal("${{MICROSOFT_APP_ID}}", bot.GetProperty("botId").GetString());
        Assert.Equal(["personal", "team", "groupChat"], bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var commands = Assert.Single(bot.GetProperty("commandLists").EnumerateArray()).GetProperty("commands").EnumerateArray().ToArray();
        Assert.InRange(commands.Length, 1, 12);
        Assert.All(commands, c => Assert.InRange(c.GetProperty("title").GetString()!.Length, 1, 128));
    }

    [Theory]
    [InlineData("color.png", 192, 255)]
    [InlineData("outline.png", 32, 0)]
    public void Icons_AreSquareRgbaPngsOfTheRequiredSize(string file, int size, byte cornerAlpha)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, file));

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        Assert.Equal(8, bytes[24]);
        Assert.Equal(6, bytes[25]); // RGBA

        // The colour icon is opaque; the outline icon is white on a transparent background.
        Assert.Equal(cornerAlpha, TopLeftPixel(bytes)[3]);
    }

    /// <summary>
    /// The first pixel of an 8-bit RGBA PNG: whatever filter the first scanline uses, its first pixel has no left or
    /// upper neighbour, so its bytes are stored as they are.
    /// </summary>
    private static byte[] TopLeftPixel(byte[] png)
    {
        using var compressed = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at, 4));
            if (System.Text.Encoding.ASCII.GetString(png, at + 4, 4) == "IDAT")
            {
                compressed.Write(png, at + 8, length);
            }

            at += 12 + length;
        }

        compressed.Position = 0;
        using var inflated = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionMode.Decompress);
        var scanline = new byte[5];
        inflated.ReadExactly(scanline);
        return scanline[1..];
    }
}
