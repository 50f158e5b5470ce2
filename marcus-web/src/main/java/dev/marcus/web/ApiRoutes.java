package dev.marcus.web;

/** A group of REST endpoints: one resource of the API. */
interface ApiRoutes {
    void register(Routes routes);
}
