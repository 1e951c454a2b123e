using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChatOpsIR.Core.Ports;
using ChatOpsIR.Data;
using ChatOpsIR.Slack.Api;
using ChatOpsIR.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Host.Tests;

public sealed class KeyRingProtectionTests : IDisposable
{
    private const string Password = "pfx-test-Pa55";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("chatopsir-keyring-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task With_a_certificate_the_stored_key_ring_is_encrypted_and_a_slack_token_still_round_trips()
    {
        using var certificate = NewCertificate("CN=ChatOpsIR key ring");
        using var database = TestDatabase.Sqlite();
        await using (var app = new ChatOpsAppFactory(database))
        {
            app.Settings["DataProtection:CertificatePath"] = WritePfx(certificate, "current.pfx", withPrivateKey: true);
            app.Settings["DataProtection:CertificatePassword"] = Password;
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz")).StatusCode);

            await StoreTokenAsync(app, "T0KEYRING", "xoxb-keyring-secret");
            Assert.Equal("xoxb-keyring-secret", await ReadTokenAsync(app, "T0KEYRING"));

            using var scope = app.Services.CreateScope();
            var keys = await scope.ServiceProvider.GetRequiredService<ChatOpsDbContext>().DataProtectionKeys.ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, key =>
            {
                Assert.Contains("<encryptedSecret", key.Xml);
                Assert.DoesNotContain("<masterKey", key.Xml);
                Assert.Contains(Convert.ToBase64String(certificate.RawData), key.Xml);
            });
        }
    }

    [Fact]
    public async Task A_previous_certificate_still_reads_the_keys_it_encrypted_after_the_certificate_changes()
    {
        using var before = NewCertificate("CN=ChatOpsIR key ring 2025");
        using var after = NewCertificate("CN=ChatOpsIR key ring 2026");
        var beforePath = WritePfx(before, "before.pfx", withPrivateKey: true);
        var afterPath = WritePfx(after, "after.pfx", withPrivateKey: true);
        using var database = TestDatabase.Sqlite();
        await using (var first = new ChatOpsAppFactory(database))
        {
            first.Settings["DataProtection:CertificatePath"] = beforePath;
            first.Settings["DataProtection:CertificatePassword"] = Password;
            await StoreTokenAsync(first, "T0ROTATE", "xoxb-rotate-secret");
        }

        await using (var withoutPrevious = new ChatOpsAppFactory(database))
        {
            withoutPrevious.Settings["DataProtection:CertificatePath"] = afterPath;
            withoutPrevious.Settings["DataProtection:CertificatePassword"] = Password;
            await Assert.ThrowsAnyAsync<CryptographicException>(() => ReadTokenAsync(withoutPrevious, "T0ROTATE"));
        }

        await using (var withPrevious = new ChatOpsAppFactory(database))
        {
            withPrevious.Settings["DataProtection:CertificatePath"] = afterPath;
            withPrevious.Settings["DataProtection:CertificatePassword"] = Password;
            withPrevious.Settings["DataProtection:PreviousCertificates:0:Path"] = beforePath;
            withPrevious.Settings["DataProtection:PreviousCertificates:0:Password"] = Password;
            Assert.Equal("xoxb-rotate-secret", await ReadTokenAsync(withPrevious, "T0ROTATE"));
        }
    }

    [Fact]
    public async Task The_host_with_a_certificate_says_its_key_ring_is_encrypted_and_does_not_warn()
    {
        using var certificate = NewCertificate("CN=ChatOpsIR key ring");
        await using var host = HostProcess.Start(new Dictionary<string, string>
        {
            ["DataProtection__CertificatePath"] = WritePfx(certificate, "current.pfx", withPrivateKey: true),
            ["DataProtection__CertificatePassword"] = Password,
        });
        await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        Assert.Contains($"The Data Protection key ring is encrypted with the certificate {certificate.Thumbprint}", host.Output);
        Assert.DoesNotContain("key ring is stored unencrypted", host.Output);
        Assert.DoesNotContain(Password, host.Output + host.Error);
    }

    [Fact]
    public async Task A_wrong_certificate_password_stops_the_host_naming_the_keys_and_not_the_password()
    {
        using var certificate = NewCertificate("CN=ChatOpsIR key ring");
        var path = WritePfx(certificate, "current.pfx", withPrivateKey: true);
        await using var host = HostProcess.Start(new Dictionary<string, string>
        {
            ["DataProtection__CertificatePath"] = path,
            ["DataProtection__CertificatePassword"] = "not-the-Pa55word",
        });
        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"ChatOpsIR cannot start: DataProtection:CertificatePath '{path}' cannot be opened as a PFX file with DataProtection:CertificatePassword", host.Error);
        Assert.DoesNotContain("not-the-Pa55word", host.Output + host.Error);
    }

    [Fact]
    public async Task A_missing_certificate_file_stops_the_host_naming_the_key()
    {
        var path = Path.Combine(_folder.FullName, "absent.pfx");
        await using var host = HostProcess.Start(new Dictionary<string, string> { ["DataProtection__CertificatePath"] = path });
        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"ChatOpsIR cannot start: DataProtection:CertificatePath '{path}' does not exist.", host.Error);
    }

    [Fact]
    public async Task A_certificate_without_its_private_key_stops_the_host_naming_the_key()
    {
        using var certificate = NewCertificate("CN=ChatOpsIR key ring");
        var path = WritePfx(certificate, "public-only.pfx", withPrivateKey: false);
        await using var host = HostProcess.Start(new Dictionary<string, string>
        {
            ["DataProtection__CertificatePath"] = path,
            ["DataProtection__CertificatePassword"] = Password,
        });
        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"ChatOpsIR cannot start: DataProtection:CertificatePath '{path}' (CN=ChatOpsIR key ring) holds no RSA private key.", host.Error);
    }

    private static X509Certificate2 NewCertificate(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private string WritePfx(X509Certificate2 certificate, string name, bool withPrivateKey)
    {
        var path = Path.Combine(_folder.FullName, name);
        if (withPrivateKey)
        {
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        }
        else
        {
            using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
            File.WriteAllBytes(path, publicOnly.Export(X509ContentType.Pkcs12, Password));
        }

        return path;
    }

    private static async Task StoreTokenAsync(ChatOpsAppFactory app, string team, string token)
    {
        using var scope = app.Services.CreateScope();
        var installation = scope.ServiceProvider.GetRequiredService<SlackTokenProvider>().Protect(team, token, app.Clock.GetUtcNow().UtcDateTime);
        await scope.ServiceProvider.GetRequiredService<IInstallationStore>().SaveAsync(installation, CancellationToken.None);
    }

    private static async Task<string> ReadTokenAsync(ChatOpsAppFactory app, string team)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SlackTokenProvider>().GetTokenAsync(team, CancellationToken.None);
    }
}
