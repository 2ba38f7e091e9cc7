using Microsoft.AspNetCore.Http;

namespace CniBot.Bot;

/// <summary>Reads a request body up to a limit: the one reader of the bot's endpoints.</summary>
internal static class RequestBody
{
    /// <summary>
    /// The body's bytes, or null when it is larger than <paramref name="maxBytes"/>: refused before reading when the
    /// declared length says so, otherwise as soon as the read passes the limit. The read ends with the request (its
    /// timeout or the client going away).
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The reason given with a 413.</summary>
    public static string TooLarge(int maxBytes) => $"the body is larger than {maxBytes / 1024} KB";
}
