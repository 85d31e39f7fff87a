// The floor under a build's page writing on this machine: the kernel's cost of creating small
// files the way Dateline's Linux path does (open O_EXCL, write, fstat, close, renameat2 with
// RENAME_NOREPLACE), with names as long as an event page's, spread over folders like day
// folders, by one or more processes at once. No rendering, no runtime: what is left is the file
// system. Build and run with bench/floor/run.sh.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: files FOLDER FILES BYTES PROCESSES FILES_PER_FOLDER\n");
        return 2;
    }
    const char *folder = argv[1];
    int files = atoi(argv[2]), bytes = atoi(argv[3]), processes = atoi(argv[4]), perFolder = atoi(argv[5]);
    char *content = malloc(bytes);
    memset(content, 'x', bytes);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < files; i += perFolder) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%d", folder, i / perFolder);
        mkdir(path, 0777);
    }
    for (int p = 0; p < processes; p++) {
        if (fork() != 0) continue;
        char path[4096], temporary[4200];
        for (int i = p; i < files; i += processes) {
            // About 150 characters, as the slug of a long headline.
            snprintf(path, sizeof path, "%s/%d/a-long-headline-made-into-a-slug-as-event-pages-are-named-with-words-and-dashes-up-to-the-limit-of-one-hundred-and-fifty-characters-%d.html",
                     folder, i / perFolder, i);
            snprintf(temporary, sizeof temporary, "%s.dateline-tmp", path);
            int fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
            if (fd < 0 || write(fd, content, bytes) != bytes) { perror(temporary); _exit(1); }
            struct stat status;
            fstat(fd, &status);
            close(fd);
            if (renameat2(AT_FDCWD, temporary, AT_FDCWD, path, RENAME_NOREPLACE) != 0) { perror(path); _exit(1); }
        }
        _exit(0);
    }
    while (wait(NULL) > 0) {}
    clock_gettime(CLOCK_MONOTONIC, &end);
    struct rusage usage;
    getrusage(RUSAGE_CHILDREN, &usage);
    double system = usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
    printf("%d files of %d bytes, %d processes, %d a folder: %.2f s wall, %.2f s system, %.1f us of system time a file\n",
           files, bytes, processes, perFolder, (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9, system, system * 1e6 / files);
    return 0;
}
