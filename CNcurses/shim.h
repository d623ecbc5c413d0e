#ifndef AGENTDESK_CNCURSES_SHIM_H
#define AGENTDESK_CNCURSES_SHIM_H

/* SwiftPM drops pkg-config's -D flags, so the wide-character API must be
   switched on here, before curses.h, or get_wch/setcchar/cchar_t do not import. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Swift 6 refuses the mutable globals and cannot import the function-like
   macros; these accessors stand in for them. */
static inline WINDOW *agentdesk_stdscr(void) { return stdscr; }
static inline FILE *agentdesk_stdout(void) { return stdout; }
static inline FILE *agentdesk_stdin(void) { return stdin; }
static inline int agentdesk_color_pairs(void) { return COLOR_PAIRS; }
static inline int agentdesk_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int agentdesk_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline attr_t agentdesk_a_normal(void) { return A_NORMAL; }
static inline attr_t agentdesk_a_bold(void) { return A_BOLD; }
static inline attr_t agentdesk_a_dim(void) { return A_DIM; }
static inline attr_t agentdesk_a_reverse(void) { return A_REVERSE; }
static inline attr_t agentdesk_a_underline(void) { return A_UNDERLINE; }
static inline int agentdesk_key_resize(void) { return KEY_RESIZE; }
static inline int agentdesk_key_mouse(void) { return KEY_MOUSE; }
static inline int agentdesk_key_code_yes(void) { return KEY_CODE_YES; }
static inline mmask_t agentdesk_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED; }

/* Termination signals only set a flag; the run loop (which wakes at least once a
   second) sees it and restores the terminal itself, outside the handler. */
static volatile sig_atomic_t agentdesk_signal_received = 0;
static void agentdesk_on_signal(int sig) { agentdesk_signal_received = sig; }
static inline void agentdesk_install_signal_handlers(void) {
    struct sigaction action;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; /* no SA_RESTART: a blocked read returns at once */
    action.sa_handler = agentdesk_on_signal;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGQUIT, &action, NULL);
    /* A parent may have left these blocked (posix_spawn passes its thread's mask
       on); without SIGWINCH no resize would ever be seen. */
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGQUIT);
    sigaddset(&wanted, SIGWINCH);
    pthread_sigmask(SIG_UNBLOCK, &wanted, NULL);
}
static inline int agentdesk_pending_signal(void) { return agentdesk_signal_received; }

/* A left click, as a cell position; 0 when the mouse event is something else. */
static inline int agentdesk_mouse_click(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    if (event.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) {
        *x = event.x;
        *y = event.y;
        return 1;
    }
    return 0;
}

#endif
