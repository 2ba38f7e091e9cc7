namespace CniBot.Cli;

/// <summary>The exit codes every command shares (DESIGN.md).</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command worked and found something wrong, such as lint problems.</summary>
    public const int Finding = 1;

    /// <summary>The command line or its arguments were wrong; the reason went to stderr.</summary>
    public const int Usage = 2;
}

/// <summary>Bad usage discovered after parsing (a folder that does not exist): exit 2 with the message.</summary>
internal sealed class UsageException(string message) : Exception(message);
