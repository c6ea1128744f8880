namespace AddonGrains.Upstream.Ocm.Dto;

/// <summary>The SSO token response (success or <c>{error, error_description}</c>).</summary>
internal sealed class OcmTokenResponseDto
{
    public string? AccessToken { get; init; }

    public string? TokenType { get; init; }

    public long? ExpiresIn { get; init; }

    public string? Error { get; init; }

    public string? ErrorDescription { get; init; }
}
