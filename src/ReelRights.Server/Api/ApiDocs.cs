using Microsoft.OpenApi;

namespace ReelRights.Server.Api;

/// <summary>OpenAPI document at /api/openapi/v1.json and Swagger UI at /api/docs.</summary>
internal static class ApiDocs
{
    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "ReelRights 短剧版权服务平台 API",
                Version = "v1",
                Description = "确权 · 监测 · 取证 · 调解 · 交易 — register, monitor, capture evidence, mediate, license.",
            });
            o.AddSecurityDefinition("ApiKey", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "API 密钥 / API key (rr_…)",
            });
        });
        return services;
    }

    public static void MapApiDocs(this WebApplication app)
    {
        app.UseSwagger(o => o.RouteTemplate = "api/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api/docs";
            o.SwaggerEndpoint("/api/openapi/v1.json", "ReelRights API v1");
            o.DocumentTitle = "ReelRights API";
        });
    }
}
