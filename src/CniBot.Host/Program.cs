using CniBot.Host;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The repository root (or the container's app folder): it holds the one appsettings.json and knowledge/.
    ContentRootPath = CniBot.Hosting.AppSettingsFile.Find() is { } settings ? Path.GetDirectoryName(settings) : null,
});

builder.AddCniBotStorage();
builder.AddCniBotKnowledge();
builder.AddCniBotConversation();
builder.AddCniBotFramework();
builder.AddCniBotSlack();
builder.AddCniBotObservability();
builder.AddCniBotLimits();
builder.AddChatPage();

var app = builder.Build();

app.UseCniBotSecurityHeaders();
app.UseCniBotRequestMetrics();
app.UseCniBotLimits();
app.MapCniBotHealth();
app.MapCniBotMetrics();
app.MapCniBotFramework();
app.MapCniBotSlack();
app.MapChatPage();

app.Run();

/// <summary>The entry point, visible to integration tests (WebApplicationFactory).</summary>
public partial class Program;
