using CniBot.Bot.BotFramework;
using CniBot.Knowledge;
using Markdig;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace CniBot.Host;

/// <summary>Section <c>ChatPage</c>.</summary>
public sealed class ChatPageOptions
{
    public const string SectionName = "ChatPage";

    /// <summary>
    /// Null (the default): on in Development and whenever authentication is off (no <c>MicrosoftAppId</c>), off
    /// otherwise. True or false decides outright; the page's endpoint has no authentication, so it must never appear
    /// in production by accident.
    /// </summary>
    public bool? Enabled { get; set; }
}

/// <summary>
/// The local chat page at <c>/</c>: try CniBot in a browser before any Teams or Slack app exists. It renders the
/// Adaptive Cards the bot sends to Teams with the official renderer, and serves the knowledge files as HTML so that
/// citations are links.
/// </summary>
internal static class ChatPage
{
    /// <summary>Where the build puts the page and its libraries (next to the host's assembly).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "chat");

    private static readonly MarkdownPipeline Html = new MarkdownPipelineBuilder().UseYamlFrontMatter().UseAdvancedExtensions().Build();

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(ChatPageOptions.SectionName).Get<ChatPageOptions>() ?? new ChatPageOptions();
        return options.Enabled ?? (environment.IsDevelopment() || string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]));
    }

    public static WebApplication MapChatPage(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration, app.Environment))
        {
            return app;
        }

        app.MapChatEndpoint();
        app.MapGet("/", () => Results.File(Path.Combine(Folder, "index.html"), "text/html; charset=utf-8"));
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Folder), RequestPath = "/chat" });
        app.MapGet("/knowledge/{lang}/{file}", (string lang, string file, IOptions<KnowledgeOptions> options, IHostEnvironment environment) =>
            KnowledgeFile(Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Path)), lang, file));
        return app;
    }

    /// <summary>A knowledge file as HTML, with the same heading anchors the citations use.</summary>
    private static IResult KnowledgeFile(string root, string lang, string file)
    {
        if (lang is not ("en" or "zh") || !file.EndsWith(".md", StringComparison.Ordinal) || file.Contains('/', StringComparison.Ordinal)
            || file.Contains('\\', StringComparison.Ordinal) || file.StartsWith('.'))
        {
            return Results.NotFound();
        }

        var path = Path.Combine(root, lang, file);
        if (!File.Exists(path))
        {
            return Results.NotFound();
        }

        var body = Markdown.ToHtml(File.ReadAllText(path), Html);
        var page = $"""
            <!doctype html>
            <html lang="{(lang == "zh" ? "zh-CN" : "en")}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{System.Net.WebUtility.HtmlEncode($"knowledge/{lang}/{file}")}</title><link rel="stylesheet" href="/chat/chat.css"></head>
            <body class="knowledge"><main>{body}</main></body></html>
            """;
        return Results.Content(page, "text/html; charset=utf-8");
    }
}
