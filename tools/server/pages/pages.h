// The French pages of `skillmatch serve` (issue 15): what server.cc needs
// of them. The pages are routes of the same kind as the API's (routes.h):
// the server authenticates them with the same code (session cookie,
// Origin, CSRF, role, agency), then calls the handler, which renders HTML
// through the escaping layer (html.h). See README.md beside this file.
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

#include "routes.h"

namespace skillmatch::pages {

// The page routes and the assets, in registration order (fixed paths such
// as /demandeurs/nouveau before /demandeurs/{id}).
const std::vector<server::Route>& PageRoutes();

// What a refusal of the server's checks becomes on a page: 401 (no or an
// expired session) a redirection to /connexion, anything else a page that
// says why in French, with the same status.
server::Reply PageRefusal(const server::Reply& refused, const server::Call& call);

// The page for an unknown path outside /api/.
server::Reply PageNotFound();

// The CSRF token a page sends: the X-CSRF-Token header (htmx requests) or
// the hidden field "csrf" of a form (application/x-www-form-urlencoded).
std::string PageCsrfToken(const httplib::Request& req);

// The page for a body over the server's limit (413) outside /api/: says the
// limit in French ("1 Mio") and what to use for larger files.
server::Reply PageTooLarge(size_t max_body);

}  // namespace skillmatch::pages
