;;; eglot.el --- headless end-to-end test of copydesk in Emacs 28 + eglot (Debian elpa-eglot)
;; Driven by tests/editors.rs:
;;   PATH=target/debug:$PATH TEST_FILE=/tmp/x/story.md SPEC=/tmp/x/spec.json \
;;   emacs --batch -Q -l tests/editors/eglot.el
;; SPEC: {"diagnostics": [{"code", "line" (0-based), "char_col"}],
;;        "hover": {"line", "char_col", "contains"},
;;        "fix": {"code", "expect_file"}}
;; Exit 0 = every diagnostic at its place, hover text found, the preferred quick fix applied and
;; the saved file exact. 4 no server, 5 diagnostics, 6 hover, 8 no preferred fix, 9 file differs.
(setq package-user-dir (make-temp-file "copydesk-elpa" t))
(dolist (d (and (file-directory-p "/usr/share/emacs/site-lisp/elpa")
                (directory-files "/usr/share/emacs/site-lisp/elpa" t "^[a-z]")))
  (add-to-list 'load-path d))
(require 'json)
(require 'eglot)
(require 'flymake)

(defvar t/t0 (float-time))
(defun t/log (fmt &rest args)
  (princ (format "[emacs %5d ms] %s\n" (round (* 1000 (- (float-time) t/t0))) (apply #'format fmt args))
         #'external-debugging-output))
(defun t/fail (code fmt &rest args)
  (apply #'t/log (concat "FAIL: " fmt) args)
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (kill-emacs code))
(defun t/wait (secs pred)
  (let ((deadline (+ (float-time) secs)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))
(defun t/get (alist &rest keys)
  (dolist (k keys alist) (setq alist (cdr (assq k alist)))))

(defun t/diag-code (d)
  (format "%s" (plist-get (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d))) :code)))
(defun t/diag-at (want)
  "The flymake diagnostic matching WANT (code, 0-based line, character column)."
  (seq-find (lambda (d)
              (let ((b (flymake-diagnostic-beg d)))
                (and (equal (t/diag-code d) (t/get want 'code))
                     (= (1- (line-number-at-pos b)) (t/get want 'line))
                     (= (save-excursion (goto-char b) (- (point) (line-beginning-position))) (t/get want 'char_col)))))
            (flymake-diagnostics (point-min) (point-max))))

(let* ((file (or (getenv "TEST_FILE") (t/fail 2 "TEST_FILE not set")))
       (spec (json-read-file (or (getenv "SPEC") (t/fail 2 "SPEC not set"))))
       (make-backup-files nil)
       (create-lockfiles nil))
  ;; Emacs 28 has no markdown-mode: .md opens in text-mode and eglot sends languageId "text".
  ;; The server entry is the one editors/README.md documents: copydesk on PATH.
  (unless (executable-find "copydesk") (t/fail 4 "copydesk is not on PATH"))
  (add-to-list 'eglot-server-programs '((markdown-mode gfm-mode text-mode) . ("copydesk" "lsp")))
  (setq eglot-sync-connect t eglot-autoshutdown t eglot-events-buffer-size 0)
  (find-file file)
  (text-mode)
  (flymake-mode 1)
  (condition-case err (call-interactively #'eglot) (error (t/fail 4 "eglot: %S" err)))
  (unless (t/wait 20 #'eglot-current-server) (t/fail 4 "no server"))
  (t/log "server: %S" (eglot--server-info (eglot-current-server)))

  ;; 1. diagnostics, each at its place
  (let ((wanted (append (t/get spec 'diagnostics) nil)))
    (unless (t/wait 30 (lambda () (seq-every-p #'t/diag-at wanted)))
      (t/fail 5 "expected diagnostics missing; have %S"
              (mapcar (lambda (d) (list (t/diag-code d) (line-number-at-pos (flymake-diagnostic-beg d))
                                        (save-excursion (goto-char (flymake-diagnostic-beg d)) (current-column))))
                      (flymake-diagnostics (point-min) (point-max)))))
    (t/log "%d diagnostics, the %d expected at their places"
           (length (flymake-diagnostics (point-min) (point-max))) (length wanted)))

  ;; 2. hover
  (let ((h (t/get spec 'hover)))
    (when h
      (goto-char (point-min))
      (forward-line (t/get h 'line))
      (forward-char (t/get h 'char_col))
      (let* ((resp (jsonrpc-request (eglot-current-server) :textDocument/hover
                                    (eglot--TextDocumentPositionParams)))
             (contents (plist-get resp :contents))
             (text (cond ((stringp contents) contents)
                         ((plist-get contents :value))
                         (t (format "%S" contents)))))
        (unless (and text (string-search (t/get h 'contains) text))
          (t/fail 6 "hover lacks %S: %S" (t/get h 'contains) text))
        (t/log "hover ok"))))

  ;; 3. the preferred quick fix
  (let* ((fx (t/get spec 'fix))
         (d (seq-find (lambda (d) (equal (t/diag-code d) (t/get fx 'code)))
                      (flymake-diagnostics (point-min) (point-max))))
         (actions (and d (eglot-code-actions (flymake-diagnostic-beg d) (flymake-diagnostic-end d) "quickfix")))
         (preferred (seq-find (lambda (a) (eq (plist-get a :isPreferred) t)) actions)))
    (dolist (a actions) (t/log "  action: [%s] %s%s" (plist-get a :kind) (plist-get a :title)
                               (if (eq a preferred) " (preferred)" "")))
    (unless (and preferred (plist-get preferred :edit)) (t/fail 8 "no preferred quick fix for %s" (t/get fx 'code)))
    (eglot--apply-workspace-edit (plist-get preferred :edit))
    (save-buffer)
    (let ((after (with-temp-buffer (insert-file-contents file) (buffer-string))))
      (unless (equal after (t/get fx 'expect_file))
        (t/fail 9 "saved file differs:\n%s" after)))
    (t/log "applied %S and saved" (plist-get preferred :title)))
  (eglot-shutdown (eglot-current-server))
  (t/log "OK")
  (kill-emacs 0))
