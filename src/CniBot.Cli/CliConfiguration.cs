using CniBot.Hosting;
using Microsoft.Extensions.Configuration;

namespace CniBot.Cli;

/// <summary>
/// The CLI reads the same root <c>appsettings.json</c> as the host, found by walking up from the current folder
/// (then from the program's own folder), overridden by environment variables (<c>Knowledge__Path</c>).
/// </summary>
internal sealed class CliConfiguration
{
    private CliConfiguration(IConfiguration configuration, string baseDirectory)
    {
        Configuration = configuration;
        BaseDirectory = baseDirectory;
    }

    public IConfiguration Configuration { get; }

    /// <summary>The folder that holds appsettings.json: relative paths in it are taken from here.</summary>
    public string BaseDirectory { get; }

    public static CliConfiguration Load(string currentDirectory)
    {
        var file = AppSettingsFile.Find(currentDirectory, AppContext.BaseDirectory);
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            builder.AddJsonFile(file, optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables();
        return new CliConfiguration(builder.Build(), file is null ? currentDirectory : Path.GetDirectoryName(file)!);
    }

    /// <summary>A section's settings, defaults where the file and the environment say nothing.</summary>
    public TOptions Bind<TOptions>(string section)
        where TOptions : new()
    {
        var options = new TOptions();
        Configuration.GetSection(section).Bind(options);
        return options;
    }

    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));

    /// <summary>
    /// A folder named on the command line (relative to where the user stands), else by a setting (relative to the
    /// folder that holds appsettings.json).
    /// </summary>
    public static string ResolveFolder<TOptions>(CliContext context, string? option, string section, Func<TOptions, string> path)
        where TOptions : new()
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Path.GetFullPath(Path.Combine(context.CurrentDirectory, option));
        }

        var configuration = Load(context.CurrentDirectory);
        return configuration.ResolvePath(path(configuration.Bind<TOptions>(section)));
    }
}
