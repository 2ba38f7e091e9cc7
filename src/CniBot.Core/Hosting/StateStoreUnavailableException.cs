namespace CniBot.Hosting;

/// <summary>
/// The state store cannot be reached or cannot serve now (Redis down, read-only, full): callers degrade rather than
/// fail the turn (questions are still answered; dialogs wait for the store).
/// </summary>
public sealed class StateStoreUnavailableException(string message, Exception inner) : Exception(message, inner);
