using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CniBot.Host;

/// <summary>
/// Validates an options class with its data annotations and names each failing setting by its configuration key
/// (<c>Search:MinConfidence</c>), so that a bad setting stops the host at start with a message that says which.
/// </summary>
internal sealed class SettingsValidator<TOptions>(string section, Func<TOptions, IEnumerable<(string Key, string Problem)>>? extra = null)
    : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var failures = results
            .SelectMany(r => r.MemberNames.DefaultIfEmpty(string.Empty).Select(m => $"{section}:{m}: {r.ErrorMessage}"))
            .Concat((extra?.Invoke(options) ?? []).Select(p => $"{section}:{p.Key}: {p.Problem}"))
            .ToArray();
        return failures.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal static class SettingsValidatorExtensions
{
    public static OptionsBuilder<TOptions> ValidateSettings<TOptions>(
        this OptionsBuilder<TOptions> builder, string section, Func<TOptions, IEnumerable<(string Key, string Problem)>>? extra = null)
        where TOptions : class
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new SettingsValidator<TOptions>(section, extra));
        return builder.ValidateOnStart();
    }
}
