using System.CommandLine.Parsing;

namespace AddonGrains.Client;

/// <summary>Options every command accepts (recursive on the root command).</summary>
internal static class GlobalOptions
{
    public const string DefaultGateway = "127.0.0.1:30000";

    public static readonly Option<OutputFormat> Output = new("--output", "-o")
    {
        Description = "Output format: table or json",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
        HelpName = "table|json",
    };

    public static readonly Option<string> Gateway = CreateGateway();

    public static readonly Option<string?> TlsCertificate = Tls("--tls-cert", "This CLI's client certificate, PEM (default: env Orleans__Tls__Certificate)");

    public static readonly Option<string?> TlsKey = Tls("--tls-key", "The certificate's private key, PEM (default: env Orleans__Tls__Key)");

    public static readonly Option<string?> TlsCa = Tls("--tls-ca", "The CA bundle the silos' certificates must chain to, PEM (default: env Orleans__Tls__Ca)");

    private static Option<string?> Tls(string name, string description) =>
        new(name) { Description = description, Recursive = true, HelpName = "FILE" };

    private static Option<string> CreateGateway()
    {
        var option = new Option<string>("--gateway")
        {
            Description = "Orleans gateway HOST:PORT (ignored when env ConnectionStrings__Orleans is set)",
            DefaultValueFactory = _ => DefaultGateway,
            Recursive = true,
            HelpName = "HOST:PORT",
        };
        option.Validators.Add(Validate);
        return option;
    }

    private static void Validate(OptionResult result)
    {
        var value = result.GetValueOrDefault<string>();
        if (!GatewayAddress.TryParse(value, out _))
        {
            result.AddError($"--gateway '{value}' is not HOST:PORT (e.g. 127.0.0.1:30000)");
        }
    }
}
