using Newtonsoft.Json.Serialization;

namespace CniBot.Bot.BotFramework.State;

/// <summary>
/// Type names in stored state are data from outside the process: only the types conversation state holds may be
/// created from them (CniBot's own, the Bot Framework's, JSON tokens, primitives and generic collections of those),
/// never an arbitrary type named by whoever could write to Redis.
/// </summary>
internal sealed class StateTypesBinder : ISerializationBinder
{
    private static readonly string[] AllowedNamespaces = ["CniBot.", "Microsoft.Bot.Schema", "Microsoft.Bot.Builder", "Newtonsoft.Json.Linq"];

    private readonly DefaultSerializationBinder inner = new();

    public Type BindToType(string? assemblyName, string typeName)
    {
        var type = inner.BindToType(assemblyName, typeName);
        return Allowed(type) ? type : throw new Newtonsoft.Json.JsonSerializationException($"type '{typeName}' may not be read from stored state");
    }

    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) =>
        inner.BindToName(serializedType, out assemblyName, out typeName);

    private static bool Allowed(Type type)
    {
        if (type.IsArray)
        {
            return Allowed(type.GetElementType()!);
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            return (definition.Namespace == "System.Collections.Generic" || definition == typeof(Nullable<>) || Named(definition))
                && type.GetGenericArguments().All(Allowed);
        }

        return type.IsPrimitive || type.IsEnum && Named(type) || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
            || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(Uri) || type == typeof(object) || Named(type);
    }

    private static bool Named(Type type) => type.FullName is { } name && AllowedNamespaces.Any(n => name.StartsWith(n, StringComparison.Ordinal));
}
