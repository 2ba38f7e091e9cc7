using YamlDotNet.RepresentationModel;

namespace CniBot.Tests;

/// <summary>
/// deploy/slack/manifest.yaml (HTTP) and manifest.socket-mode.yaml follow the manifest schema and ask for what CniBot
/// uses, no more.
/// </summary>
public sealed class SlackManifestTests
{
    [Fact]
    public void Manifest_DeclaresTheBotScopesEventsCommandAndInteractivity()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Repository.Root, "deploy", "slack", "manifest.yaml"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;

        var name = Scalar(root, "display_information", "name");
        Assert.InRange(name.Length, 1, 35);
        Assert.InRange(Scalar(root, "display_information", "description").Length, 1, 140);
        Assert.Equal("CniBot", Scalar(root, "features", "bot_user", "display_name"));
        Assert.Equal(["app_mentions:read", "assistant:write", "chat:write", "im:history", "im:write", "commands"], Sequence(root, "oauth_config", "scopes", "bot"));
        Assert.InRange(Scalar(root, "features", "agent_view", "agent_description").Length, 1, 200);
        Assert.Equal(["app_home_opened", "app_mention", "message.im"], Sequence(root, "settings", "event_subscriptions", "bot_events"));
        Assert.Equal("true", Scalar(root, "features", "app_home", "home_tab_enabled"));
        Assert.Equal("true", Scalar(root, "features", "app_home", "messages_tab_enabled"));
        Assert.Equal("false", Scalar(root, "features", "app_home", "messages_tab_read_only_enabled"));
        Assert.EndsWith("/api/slack/events", Scalar(root, "settings", "event_subscriptions", "request_url"), StringComparison.Ordinal);
        Assert.Equal("true", Scalar(root, "settings", "interactivity", "is_enabled"));
        Assert.EndsWith("/api/slack/interactions", Scalar(root, "settings", "interactivity", "request_url"), StringComparison.Ordinal);
        var command = (YamlMappingNode)((YamlSequenceNode)Node(root, "features", "slash_commands")).Children.Single();
        Assert.Equal("/cni", ((YamlScalarNode)command["command"]).Value);
        Assert.EndsWith("/api/slack/commands", ((YamlScalarNode)command["url"]).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_DeclaresTheInspectMessageShortcut()
    {
        var shortcut = Assert.Single(((YamlSequenceNode)Node(Load(), "features", "shortcuts")).Children.Cast<YamlMappingNode>());

        Assert.Equal("message", ((YamlScalarNode)shortcut["type"]).Value);
        Assert.Equal(InspectCallbackId, ((YamlScalarNode)shortcut["callback_id"]).Value);
        Assert.InRange(((YamlScalarNode)shortcut["name"]).Value!.Length, 1, 25);
        Assert.InRange(((YamlScalarNode)shortcut["description"]).Value!.Length, 1, 150);
    }

    [Fact]
    public void SocketModeManifest_IsTheSameAppWithoutRequestUrls()
    {
        var http = Load();
        var socket = Load("manifest.socket-mode.yaml");

        Assert.Equal("true", Scalar(socket, "settings", "socket_mode_enabled"));
        Assert.Equal("false", Scalar(http, "settings", "socket_mode_enabled"));
        Assert.DoesNotContain(Keys(socket), k => k is "url" or "request_url");
        Assert.Contains(Keys(http), k => k is "url" or "request_url");

        // Everything else is the HTTP app's: the same name, scopes, events, command, shortcut and interactivity.
        Assert.Equal(Without(http, "url", "request_url", "socket_mode_enabled"), Without(socket, "url", "request_url", "socket_mode_enabled"));
    }

    /// <summary>The callback id the endpoint answers (the shortcut test sends it).</summary>
    internal const string InspectCallbackId = "cnibot_inspect";

    private static YamlMappingNode Load(string file = "manifest.yaml")
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Repository.Root, "deploy", "slack", file))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    /// <summary>Every key in the document, at any depth.</summary>
    private static IEnumerable<string> Keys(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.SelectMany(c => Keys(c.Value).Prepend(((YamlScalarNode)c.Key).Value!)),
        YamlSequenceNode list => list.Children.SelectMany(Keys),
        _ => [],
    };

    /// <summary>The document as path=value lines, leaving out the given keys.</summary>
    private static string[] Without(YamlNode node, params string[] left) => [.. Lines(node, string.Empty).Where(l => !left.Any(k => l.Split('=')[0].EndsWith("/" + k, StringComparison.Ordinal)))];

    private static IEnumerable<string> Lines(YamlNode node, string path) => node switch
    {
        YamlMappingNode map => map.Children.SelectMany(c => Lines(c.Value, path + "/" + ((YamlScalarNode)c.Key).Value)),
        YamlSequenceNode list => list.Children.SelectMany((c, i) => Lines(c, $"{path}[{i}]")),
        _ => [$"{path}={((YamlScalarNode)node).Value}"],
    };

    private static YamlNode Node(YamlMappingNode root, params string[] path) =>
        path.Aggregate((YamlNode)root, (node, key) => ((YamlMappingNode)node)[key]);

    private static string Scalar(YamlMappingNode root, params string[] path) => ((YamlScalarNode)Node(root, path)).Value!;

    private static string[] Sequence(YamlMappingNode root, params string[] path) =>
        [.. ((YamlSequenceNode)Node(root, path)).Children.Select(c => ((YamlScalarNode)c).Value!)];
}
