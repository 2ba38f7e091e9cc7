using System.Text;
using CniBot.Cli;

Console.OutputEncoding = Encoding.UTF8;
return CliApp.Run(args, CliContext.FromConsole());
