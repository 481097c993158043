using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReelRights.Core;
using ReelRights.Core.Accounts;
using ReelRights.Core.Data;
using ReelRights.Server;

namespace ReelRights.Cli.Commands;

/// <summary>
/// <c>reelrights admin …</c>: administration on the server machine, acting directly on the
/// database as the operator would. Results go to stdout as JSON, messages to stderr.
/// </summary>
internal static class AdminCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Keep Chinese names readable in the output instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Build()
    {
        var admin = new Command("admin", "平台管理（在服务器上直接操作数据库） / Administration, run on the server machine");
        admin.Subcommands.Add(CreateOrg());
        admin.Subcommands.Add(CreateUser());
        admin.Subcommands.Add(CreateApiKey());
        return admin;
    }

    private static Command CreateOrg()
    {
        var name = new Option<string>("--name") { Description = "组织名称 / Organization name", Required = true };
        var kind = new Option<string>("--kind")
        {
            Description = "类型 / Kind: rights-holder | platform | mediator | licensee | operator",
            Required = true,
        };
        var command = new Command("create-org", "创建组织 / Create an organization") { name, kind };
        command.SetAction((parse, ct) => RunAsync(parse, async services =>
        {
            if (!OrganizationKindNames.TryParse(parse.GetValue(kind), out var k))
            {
                throw ReelRightsException.Invalid("invalid-kind", "组织类型无效。", "Unknown organization kind.");
            }
            var orgs = services.GetRequiredService<OrganizationService>();
            var org = await orgs.CreateAsync(Actor.System(Guid.Empty, OrganizationKind.Operator), parse.GetValue(name)!, k, ct);
            await parse.InvocationConfiguration.Error.WriteLineAsync($"已创建组织 / created organization: {org.Name} ({OrganizationKindNames.Wire(org.Kind)})");
            return new { org.Id, org.Name, Kind = OrganizationKindNames.Wire(org.Kind), org.CreatedAt };
        }));
        return command;
    }

    private static Command CreateUser()
    {
        var org = new Option<string>("--org") { Description = "组织 ID 或名称 / Organization id or name", Required = true };
        var email = new Option<string>("--email") { Description = "邮箱 / Email", Required = true };
        var name = new Option<string?>("--name") { Description = "显示名称（默认用邮箱） / Display name (default: the email)" };
        var isAdmin = new Option<bool>("--admin") { Description = "设为组织管理员 / Make organization administrator" };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "从标准输入读取密码（否则读取环境变量 REELRIGHTS_PASSWORD） / Read the password from stdin (otherwise from REELRIGHTS_PASSWORD)",
        };
        var command = new Command("create-user", "创建用户 / Create a user") { org, email, name, isAdmin, passwordStdin };
        command.SetAction((parse, ct) => RunAsync(parse, async services =>
        {
            var password = parse.GetValue(passwordStdin)
                ? (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n')
                : Environment.GetEnvironmentVariable("REELRIGHTS_PASSWORD");
            if (string.IsNullOrEmpty(password))
            {
                throw ReelRightsException.Invalid("password-missing",
                    "请通过 --password-stdin 或环境变量 REELRIGHTS_PASSWORD 提供密码。",
                    "Give the password with --password-stdin or the REELRIGHTS_PASSWORD environment variable.");
            }
            var target = await FindOrganizationAsync(services, parse.GetValue(org)!, ct);
            var users = services.GetRequiredService<UserService>();
            var mail = parse.GetValue(email)!;
            var user = await users.CreateAsync(Actor.System(target.Id, target.Kind), target.Id, mail,
                parse.GetValue(name) ?? mail, password, parse.GetValue(isAdmin), ct);
            await parse.InvocationConfiguration.Error.WriteLineAsync($"已创建用户 / created user: {user.Email} @ {target.Name}");
            return new { user.Id, user.Email, user.DisplayName, user.IsAdmin, OrganizationId = target.Id };
        }));
        return command;
    }

    private static Command CreateApiKey()
    {
        var org = new Option<string>("--org") { Description = "组织 ID 或名称 / Organization id or name", Required = true };
        var name = new Option<string>("--name") { Description = "密钥名称 / Key name", Required = true };
        var permissions = new Option<string>("--permissions")
        {
            Description = "权限，空格或逗号分隔 / Permissions, space or comma separated: " + string.Join(' ', Permissions.All),
            Required = true,
        };
        var command = new Command("create-api-key", "创建 API 密钥（只显示一次） / Create an API key (shown once)") { org, name, permissions };
        command.SetAction((parse, ct) => RunAsync(parse, async services =>
        {
            var target = await FindOrganizationAsync(services, parse.GetValue(org)!, ct);
            var keys = services.GetRequiredService<ApiKeyService>();
            var granted = Permissions.ForUser(target.Kind, isAdmin: true);
            var issued = await keys.CreateAsync(new Actor(target.Id, target.Kind, null, null, granted),
                parse.GetValue(name)!, [parse.GetValue(permissions)!], ct);
            await parse.InvocationConfiguration.Error.WriteLineAsync("密钥只显示这一次，请妥善保存 / The key is shown only once; store it safely.");
            return new { issued.Key.Id, issued.Key.Name, issued.Key.Prefix, Permissions = issued.Key.Permissions.Split(' '), Key = issued.Secret };
        }));
        return command;
    }

    private static async Task<Organization> FindOrganizationAsync(IServiceProvider services, string idOrName, CancellationToken ct)
    {
        var db = services.GetRequiredService<ReelRightsDbContext>();
        if (Guid.TryParse(idOrName, out var id))
        {
            return await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw ReelRightsException.NotFound("组织");
        }
        var matches = await db.Organizations.AsNoTracking().Where(o => o.Name == idOrName).OrderBy(o => o.CreatedAt).Take(2).ToListAsync(ct);
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw ReelRightsException.NotFound("组织"),
            _ => throw ReelRightsException.Invalid("ambiguous-organization", "有多个同名组织，请使用组织 ID。", "Several organizations have this name; use the id."),
        };
    }

    private static Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, Task<object>> action) =>
        CliErrors.GuardAsync(parse, async () =>
        {
            await using var app = ServerApp.Build([], b => HostConfig.Apply(b, parse));
            await ServerApp.MigrateAsync(app.Services, CancellationToken.None);
            await using var scope = app.Services.CreateAsyncScope();
            var result = await action(scope.ServiceProvider);
            await parse.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            return 0;
        });
}
