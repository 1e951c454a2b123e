using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChatOpsIR.Core;
using Microsoft.AspNetCore.DataProtection;

namespace ChatOpsIR.Host;

/// <summary>
/// `DataProtection:*`: the certificate that encrypts the Data Protection key ring where it is stored (the database),
/// so a copy of the database alone does not give away the keys that protect the Slack bot tokens stored beside them.
/// </summary>
internal sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>A PFX file with the certificate and its RSA private key. Empty: the key ring is stored unencrypted.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX file's password; set it as an environment variable (DataProtection__CertificatePassword).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Certificates that encrypted the key ring before; they still read its keys but encrypt nothing new.</summary>
    public List<KeyRingCertificate> PreviousCertificates { get; set; } = [];
}

internal sealed class KeyRingCertificate
{
    public string? Path { get; set; }

    public string? Password { get; set; }
}

internal static partial class KeyRingProtection
{
    /// <summary>
    /// Encrypts the key ring with `DataProtection:CertificatePath` when it is set. A certificate that cannot be used
    /// stops the host here, before any key is written, with a message naming the key to fix.
    /// </summary>
    public static IDataProtectionBuilder ProtectKeysFromConfiguration(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var options = configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (options.CertificatePath is { Length: > 0 } path)
        {
            var certificate = Load(path, options.CertificatePassword, $"{KeyRingOptions.SectionName}:CertificatePath", $"{KeyRingOptions.SectionName}:CertificatePassword");
            builder.ProtectKeysWithCertificate(certificate);
            builder.Services.AddSingleton(new KeyRingCertificateInUse(certificate.Thumbprint));
        }
        else if (!string.IsNullOrEmpty(options.CertificatePassword))
        {
            throw new ConfigurationException($"{KeyRingOptions.SectionName}:CertificatePassword is set but {KeyRingOptions.SectionName}:CertificatePath is not. Set the path of the PFX file that encrypts the key ring.");
        }

        var previous = new List<X509Certificate2>();
        for (var i = 0; i < options.PreviousCertificates.Count; i++)
        {
            var key = $"{KeyRingOptions.SectionName}:PreviousCertificates:{i}";
            if (options.PreviousCertificates[i].Path is not { Length: > 0 } previousPath)
            {
                throw new ConfigurationException($"{key}:Path is empty. Give the PFX file of a certificate that encrypted the key ring before, or remove the entry.");
            }

            previous.Add(Load(previousPath, options.PreviousCertificates[i].Password, $"{key}:Path", $"{key}:Password"));
        }

        if (previous.Count > 0)
        {
            builder.UnprotectKeysWithAnyCertificate([.. previous]);
        }

        return builder;
    }

    /// <summary>Says at start whether the key ring is encrypted; outside Development an unencrypted one is a warning.</summary>
    public static void ReportKeyRingProtection(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ChatOpsIR.Host.KeyRing");
        if (app.Services.GetService<KeyRingCertificateInUse>() is { } inUse)
        {
            LogEncrypted(logger, inUse.Thumbprint);
        }
        else if (app.Environment.IsDevelopment())
        {
            LogUnencryptedInDevelopment(logger);
        }
        else
        {
            LogUnencrypted(logger);
        }
    }

    private static X509Certificate2 Load(string path, string? password, string pathKey, string passwordKey)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"{pathKey} '{path}' does not exist. Point it at a PFX file holding the certificate and its private key.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(password) ? null : password);
        }
        catch (CryptographicException ex)
        {
            throw new ConfigurationException($"{pathKey} '{path}' cannot be opened as a PFX file with {passwordKey} (wrong or missing password, or not a PFX file): {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{pathKey} '{path}' cannot be read: {ex.Message}");
        }

        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            var subject = certificate.Subject;
            certificate.Dispose();
            throw new ConfigurationException($"{pathKey} '{path}' ({subject}) holds no RSA private key. The key ring needs a certificate with an RSA private key to encrypt and read its keys.");
        }

        return certificate;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "The Data Protection key ring is encrypted with the certificate {Thumbprint} (DataProtection:CertificatePath).")]
    private static partial void LogEncrypted(ILogger logger, string thumbprint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "The Data Protection key ring is stored unencrypted in the database (Development). Set DataProtection:CertificatePath to encrypt it.")]
    private static partial void LogUnencryptedInDevelopment(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "The Data Protection key ring is stored unencrypted in the database, next to the Slack bot tokens it encrypts: a copy of the database reads them. Set DataProtection:CertificatePath (a PFX file with an RSA private key) and DataProtection:CertificatePassword to encrypt it.")]
    private static partial void LogUnencrypted(ILogger logger);
}

/// <summary>The thumbprint of the certificate that encrypts the key ring, when there is one.</summary>
internal sealed record KeyRingCertificateInUse(string Thumbprint);
