using System.Globalization;
using System.Text.Json;
using Dateline.Publishing;
using Dateline.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dateline.Web;

/// <summary>A bad request: which parameter, and what is wrong with it.</summary>
public sealed record ApiProblem(string Parameter, string Error);

/// <summary>The JSON API under /api, answered from the site tables.</summary>
internal static class ArchiveApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Archive");

        api.MapGet("/days/{date}", (string date, ArchiveQueries archive) =>
        {
            if (!Formats.TryDate(date, out var day))
            {
                return Bad("date", "must be a date written yyyy-MM-dd");
            }

            return Results.Ok(new DayEvents(HtmlDate(day), archive.Day(day)));
        })
            .WithName("GetDay").WithSummary("The events of one day, in page order")
            .Produces<DayEvents>().Produces<ApiProblem>(StatusCodes.Status400BadRequest);

        api.MapGet("/events/{year}/{month}/{day}/{slug}", (string year, string month, string day, string slug, ArchiveQueries archive) =>
        {
            if (!Formats.TryDate($"{year}-{month}-{day.PadLeft(2, '0')}", out var date) || year.Length != 4 || month.Length != 2 || day.Length > 2 || (day.Length == 2 && day[0] == '0'))
            {
                return Bad("date", "year/month/day must be as in the event's path: yyyy/MM/d (e.g. 2017/09/28 or 2017/09/9)");
            }

            if (!DatelineServer.Slug().IsMatch(slug))
            {
                return Bad("slug", "must be made of a-z, 0-9 and '-' as in the event's path");
            }

            var page = string.Create(CultureInfo.InvariantCulture, $"news/{date.Year:D4}/{date.Month:D2}/{date.Day}/{slug}");
            return archive.Event(date, page) is { } found ? Results.Ok(found) : Results.NotFound(new ApiProblem("slug", "no event at this path"));
        })
            .WithName("GetEvent").WithSummary("One event with its sources, entities and related events")
            .Produces<EventDetail>().Produces<ApiProblem>(StatusCodes.Status400BadRequest).Produces<ApiProblem>(StatusCodes.Status404NotFound);

        api.MapGet("/entities/{slug}", (string slug, string? page, string? size, ArchiveQueries archive) =>
        {
            if (slug.Length > 300)
            {
                return Bad("slug", "is too long");
            }

            if (!SearchRequest.Number(page, 1, 1, 100_000, out int pageNumber))
            {
                return Bad("page", "must be a whole number from 1");
            }

            if (!SearchRequest.Number(size, 50, 1, 200, out int pageSize))
            {
                return Bad("size", "must be a whole number from 1 to 200");
            }

            if (archive.Entity(slug) is not { } entity)
            {
                return Results.NotFound(new ApiProblem("slug", "no entity with this slug or title"));
            }

            var events = archive.EntityEvents(entity.Id, (pageNumber - 1) * pageSize, pageSize);
            return Results.Ok(new EntityEvents(entity.Entity, entity.Events, pageNumber, pageSize, events));
        })
            .WithName("GetEntity").WithSummary("An entity's events, newest first, paged (slug or exact title)")
            .Produces<EntityEvents>().Produces<ApiProblem>(StatusCodes.Status400BadRequest).Produces<ApiProblem>(StatusCodes.Status404NotFound);

        api.MapGet("/search", (HttpContext context, string? q, string? from, string? to, string? entity, string? page, string? size, ArchiveQueries archive, SearchCache cache) =>
        {
            // The named parameters are read again from the query by SearchRequest (one reader for the API and the page); naming them here documents them.
            _ = (q, from, to, entity, page, size);
            var request = SearchRequest.Read(context.Request.Query, archive, out var problem);
            if (request is null)
            {
                return Bad(problem!.Value.Parameter, problem.Value.Message);
            }

            var key = request.CacheKey("api");
            if (!cache.TryGet(key, out var answer))
            {
                var results = archive.Search(request.Query, request.From, request.To, request.Entity, request.Offset, request.Size);
                answer = JsonSerializer.SerializeToUtf8Bytes(new SearchAnswer(request.Text, request.Page, request.Size, results.HasMore, results.Hits), SiteJson.Options);
                cache.Add(key, answer);
            }

            return Results.Bytes(answer, "application/json; charset=utf-8");
        })
            .WithName("Search")
            .WithSummary("Full-text search over headlines, summaries and entity titles: words, \"phrases\", prefix*, a OR b, -word; from/to dates (yyyy-MM-dd), entity (slug or title), page, size")
            .Produces<SearchAnswer>(StatusCodes.Status200OK, "application/json").Produces<ApiProblem>(StatusCodes.Status400BadRequest);
    }

    private static IResult Bad(string parameter, string message) => Results.BadRequest(new ApiProblem(parameter, $"{parameter}: {message}"));

    private static string HtmlDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The events of one day.</summary>
public sealed record DayEvents(string Date, IReadOnlyList<EventSummary> Events);

/// <summary>A page of search results. Highlights are marked with U+E000 … U+E001 around each matching word.</summary>
public sealed record SearchAnswer(string Query, int Page, int Size, bool HasMore, IReadOnlyList<SearchHit> Hits);
