#!/bin/sh
# A school head is one of the managers (управленческие кадры): he fills
# the self-diagnosis himself on the five management blocks, though his
# working role is «school», not «teacher»; and the diagnostic form of a
# manager names each management block in its fields' labels.
. "$(dirname "$0")/harness"
demo_db
pid=$(sql "SELECT person_id FROM app_user WHERE login = 'school'")
expect_eq "$(sql "SELECT is_manager FROM person WHERE id = $pid")" "1" "the demo head is a manager"
start "$BIN" -c "$CONF" --db "$DB" --as school
wait_for "главное меню"
wait_for "Пройти самодиагностику"
type_text "Пройти"
keys Enter
wait_for "Самодиагностика управленческих компетенций"
wait_for "Осталось: 7 из 7"
wait_for "Управление процессами"
wait_for "Планирую стратегическое развитие"
screen | grep -qF "Предметные" && fail "teacher blocks in a manager's checklist"
# Процессы 3 3; ресурсы 3; кадры 1 0; результаты 3; информация 2.
type_text "3331032"
wait_for "Осталось: 0 из 7"
keys F2
wait_for "Результат самодиагностики"
wait_for "Управление процессами: 100 %"
wait_for "Управление кадрами: 17 % — высокий дефицит"
wait_for "Выявлено дефицитов: 2"
keys Enter
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT form, kind FROM diagnostic WHERE person_id = $pid AND form = 'self'")" "self|entry" "his self-diagnosis kept"
expect_eq "$(sql "SELECT group_concat(b.code, ',') FROM diagnostic_block db JOIN competency_block b ON b.id = db.block_id JOIN diagnostic d ON d.id = db.diagnostic_id WHERE d.person_id = $pid AND d.form = 'self' AND db.pct_overall IS NOT NULL ORDER BY b.sort")" \
	"mgmt_process,mgmt_resource,mgmt_staff,mgmt_result,mgmt_info" "on the management blocks"

# The operator's form for a manager: every field says which block it is.
start "$BIN" -c "$CONF" --db "$DB" --as developer
wait_for "главное меню"
keys Enter
wait_for "Найдено:"
type_text "фёдорова ирина"
wait_for "Фёдорова Ирина Владимировна"
keys Enter
wait_for "Информационная справка: Фёдорова"
keys Tab Tab
wait_for "Диагностика"
keys F7
wait_for "Новая диагностика: Фёдорова"
wait_for "Процессы затруднения"
wait_for "Процессы % низк.ур."
wait_for "Ресурсы % общий"
wait_for "Кадры % низк.ур."
keys PageDown
wait_for "Результаты затруднения"
wait_for "Информация % общий"
screen | grep -qF "Управление …" && fail "a management block's name cut to «Управление …»"
keys F10
wait_for "Информационная справка: Фёдорова"
keys F10
wait_for "Найдено:"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
echo ok
