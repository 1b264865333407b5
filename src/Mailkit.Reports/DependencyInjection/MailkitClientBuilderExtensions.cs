namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Gets the Mailkit account behind a builder that <c>AddMailkitClient</c> returned.</summary>
public static class MailkitClientBuilderExtensions
{
    /// <summary>Returns the Mailkit account that <paramref name="builder"/> was made for.</summary>
    /// <param name="builder">A builder returned by <c>AddMailkitClient</c>, or by a method that returned it unchanged.</param>
    /// <returns>The account's builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="builder"/> was not returned by <c>AddMailkitClient</c>.</exception>
    public static IMailkitClientBuilder AsMailkitClientBuilder(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder as IMailkitClientBuilder
            ?? throw new ArgumentException(
                $"The HttpClient builder '{builder.Name}' was not returned by AddMailkitClient; call this on the builder AddMailkitClient returns.",
                nameof(builder));
    }
}
