using CniBot.Bot.BotFramework;
using CniBot.Hosting;
using CniBot.Knowledge;
using Markdig;
using Markdig.Syntax;
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

    /// <summary>The parser's own pipeline: the same heading ids as the citations, raw HTML shown as text.</summary>
    private static MarkdownPipeline Html => KnowledgeMarkdown.Pipeline;

    public static bool IsEnabled(ChatPageOptions options, IConfiguration configuration, IHostEnvironment environment) =>
        options.Enabled ?? (environment.IsDevelopment() || string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]));

    /// <summary>Binds <c>ChatPage</c> once, checked at start like every other section.</summary>
    public static WebApplicationBuilder AddChatPage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ChatPageOptions>().BindConfiguration(ChatPageOptions.SectionName).ValidateSettings(ChatPageOptions.SectionName);
        return builder;
    }

    public static WebApplication MapChatPage(this WebApplication app)
    {
        if (!IsEnabled(app.Services.GetRequiredService<IOptions<ChatPageOptions>>().Value, app.Configuration, app.Environment))
        {
            return app;
        }

        app.MapChatEndpoint();
        app.MapGet("/", () => Results.File(Path.Combine(Folder, "index.html"), "text/html; charset=utf-8"));
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Folder), RequestPath = "/chat" });
        app.MapGet("/knowledge/{lang}/{file}", (string lang, string file, IOptions<KnowledgeOptions> options, IHostEnvironment environment, ReloadingKnowledgeIndex index) =>
            KnowledgeFile(Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Path)), lang, file, index));
        return app;
    }

    /// <summary>
    /// A knowledge file as HTML, with the same heading anchors the citations use. Only a document of the loaded index
    /// is served, read from a regular file (a symbolic link is not followed), and its links lead only to http(s)
    /// addresses and relative paths.
    /// </summary>
    private static IResult KnowledgeFile(string root, string lang, string file, ReloadingKnowledgeIndex index)
    {
        if (lang is not ("en" or "zh") || !file.EndsWith(".md", StringComparison.Ordinal) || file.Contains('/', StringComparison.Ordinal)
            || file.Contains('\\', StringComparison.Ordinal) || file.StartsWith('.'))
        {
            return Results.NotFound();
        }

        if (!index.IsReady || !index.Knowledge.Documents.Any(d => d.Language.Code() == lang && string.Equals(Path.GetFileName(d.Path), file, StringComparison.Ordinal)))
        {
            return Results.NotFound();
        }

        var path = Path.Combine(root, lang, file);
        var info = new FileInfo(path);
        if (!info.Exists || info.LinkTarget is not null || new DirectoryInfo(Path.Combine(root, lang)).LinkTarget is not null)
        {
            return Results.NotFound();
        }

        var document = Markdown.Parse(File.ReadAllText(path), Html);
        foreach (var link in document.Descendants<Markdig.Syntax.Inlines.LinkInline>())
        {
            link.Url = SafeUrl(link.Url);
        }

        foreach (var link in document.Descendants<Markdig.Syntax.Inlines.AutolinkInline>())
        {
            link.Url = SafeUrl(link.Url) ?? string.Empty;
        }

        var body = document.ToHtml(Html);
        var page = $"""
            <!doctype html>
            <html lang="{(lang == "zh" ? "zh-CN" : "en")}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{System.Net.WebUtility.HtmlEncode($"knowledge/{lang}/{file}")}</title><link rel="stylesheet" href="/chat/chat.css"></head>
            <body class="knowledge"><main>{body}</main></body></html>
            """;
        return Results.Content(page, "text/html; charset=utf-8");
    }

    /// <summary>The link as written when it is http(s) or relative (a path or an anchor); otherwise none.</summary>
    internal static string? SafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return url;
        }

        if (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var absolute) && !url.TrimStart().StartsWith('/'))
        {
            return absolute.Scheme is "http" or "https" ? url : "#";
        }

        // No scheme: a relative path or an anchor. A colon before any '/', '?' or '#' would be read as a scheme.
        var head = url.Split('/', '?', '#')[0];
        return head.Contains(':', StringComparison.Ordinal) || url.TrimStart().StartsWith("//", StringComparison.Ordinal) ? "#" : url;
    }
}
