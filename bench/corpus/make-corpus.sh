#!/usr/bin/env bash
# Builds the fingerprinting benchmark corpus: vertical 720x1280 micro-drama "episodes" grouped in
# series that share a look (intro/outro card, theme music, colour grade: the hard negatives),
# unrelated negatives, and pirated copies with exact ground truth (bench/corpus/out/truth.json).
#
# Material: photographs (Debian mate-backgrounds), music (Debian singularity-music), speech
# (espeak-ng, Mandarin and English), real camera footage (../shared/media/real-clips, CC-BY-4.0),
# synthetic ffmpeg sources (life, cellauto, mandelbrot, gradients) for unrelated material.
#
# Everything is deterministic (fixed seed); files that already exist are kept, so a run that was
# interrupted resumes. Progress goes to stderr. See bench/README.md.
#
# Environment (defaults in brackets):
#   RR_CORPUS_OUT            output folder                          [bench/corpus/out]
#   RR_CORPUS_SERIES         number of series                       [4]
#   RR_CORPUS_EPISODES       episodes per series (the references)   [3]
#   RR_CORPUS_EP_MIN/_MAX    episode length range in seconds        [45/55]
#   RR_CORPUS_NEGATIVES      negative queries (half held-out episodes of known series, half
#                            unrelated material)                   [8]
#   RR_CORPUS_QPT            pirated copies per transformation      [3]
#   RR_CORPUS_SEED           random seed                            [20240601]
#   RR_CORPUS_REAL_CLIPS     folder of real footage                 [/work/shared/media/real-clips]
#   RR_CORPUS_THREADS        ffmpeg threads                         [1]
#   RR_CORPUS_NO_INSTALL=1   never apt-get install missing packages
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${RR_CORPUS_OUT:-$here/out}"
SERIES=${RR_CORPUS_SERIES:-4}
EPISODES=${RR_CORPUS_EPISODES:-3}
EP_MIN=${RR_CORPUS_EP_MIN:-45}
EP_MAX=${RR_CORPUS_EP_MAX:-55}
NEG=${RR_CORPUS_NEGATIVES:-8}
QPT=${RR_CORPUS_QPT:-3}
SEED=${RR_CORPUS_SEED:-20240601}
REAL="${RR_CORPUS_REAL_CLIPS:-/work/shared/media/real-clips}"
THREADS=${RR_CORPUS_THREADS:-1}
FPS=25
W=720
H=1280
PHOTO_DIR=/usr/share/backgrounds/mate
MUSIC_DIR=/usr/share/games/singularity/music

START_TS=$(date +%s)
log() { printf '[corpus %4ss] %s\n' "$(( $(date +%s) - START_TS ))" "$*" >&2; }
die() { printf 'make-corpus: %s\n' "$*" >&2; exit 1; }
f() { awk "BEGIN{printf \"%.3f\", $*}"; }           # float arithmetic
fi_() { awk "BEGIN{printf \"%d\", $*}"; }           # float arithmetic, truncated to int

# ---------------------------------------------------------------- dependencies
need_pkgs=()
command -v ffmpeg >/dev/null || need_pkgs+=(ffmpeg)
command -v espeak-ng >/dev/null || need_pkgs+=(espeak-ng)
dpkg -s mate-backgrounds >/dev/null 2>&1 || need_pkgs+=(mate-backgrounds)
dpkg -s singularity-music >/dev/null 2>&1 || need_pkgs+=(singularity-music)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_pkgs+=(fonts-noto-cjk)
if ((${#need_pkgs[@]})); then
  [[ "${RR_CORPUS_NO_INSTALL:-}" == 1 ]] && die "missing Debian packages: ${need_pkgs[*]}"
  log "installing ${need_pkgs[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q "${need_pkgs[@]}" >&2
fi
FONT="$(fc-match -f '%{file}' 'Noto Sans CJK SC')"
[[ -f "$FONT" ]] || die "Noto Sans CJK SC font not found"
[[ -d "$REAL" ]] || die "real clips folder $REAL not found (set RR_CORPUS_REAL_CLIPS)"

mkdir -p "$OUT"/{references,queries,negatives,cache/speech,cache/text,cache/tmp}
FF=(nice -n 19 ffmpeg -nostdin -hide_banner -loglevel error -y -threads "$THREADS" -filter_threads 1 -filter_complex_threads 1)
VENC=(-c:v libx264 -preset veryfast -threads "$THREADS" -pix_fmt yuv420p -movflags +faststart)
AENC=(-c:a aac -ar 48000 -ac 2)
probe_dur() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }

RANDOM=$SEED
R=0
rand() { R=$(( ((RANDOM << 15) | RANDOM) % $1 )); }    # sets R in 0..$1-1 (no subshell: keeps the sequence)

# ---------------------------------------------------------------- material pools
# Photo tiles: each photograph is cut into disjoint 9:16 tiles, so two shots never show the same
# pixels; tiles are dealt round-robin across photographs. Flat desktop graphics are left out.
PHOTOS=()
while IFS= read -r p; do PHOTOS+=("$p"); done < <(
  ls "$PHOTO_DIR"/nature/*.jpg "$PHOTO_DIR"/abstract/Elephants_5640x3172.jpg "$PHOTO_DIR"/desktop/GreenTraditional.jpg 2>/dev/null | sort)
((${#PHOTOS[@]})) || die "no photographs in $PHOTO_DIR"
TILES=()   # "path#w#h#x#y"
declare -a per_photo_tiles
maxn=0
for i in "${!PHOTOS[@]}"; do
  IFS=, read -r pw ph < <(ffprobe -v error -show_entries stream=width,height -of csv=p=0 "${PHOTOS[$i]}")
  rows=$(( ph / 480 )); ((rows >= 1)) || rows=1
  th=$(( ph / rows )); tw=$(( th * 9 / 16 )); cols=$(( pw / tw ))
  # keep only textured tiles (luma standard deviation >= 26 on a 1/16 thumbnail): flat sky or blank
  # areas would be near-identical "common frames" across episodes and spoil the ground truth
  sw=$(( pw / 16 )); sh=$(( ph / 16 ))
  list=$(nice -n 19 ffmpeg -nostdin -v error -i "${PHOTOS[$i]}" -vf "scale=$sw:$sh,format=gray" -f rawvideo - | od -An -v -tu1 -w1 |
    awk -v sw=$sw -v sh=$sh -v rows=$rows -v cols=$cols -v tw=$tw -v th=$th -v p="${PHOTOS[$i]}" '
      { x = (NR - 1) % sw; y = int((NR - 1) / sw); c = int(x * 16 / tw); r = int(y * 16 / th)
        if (c < cols && r < rows) { k = r * cols + c; n[k]++; s[k] += $1; q[k] += $1 * $1 } }
      END { for (r = 0; r < rows; r++) for (c = 0; c < cols; c++) { k = r * cols + c
              if (n[k] > 0) { m = s[k] / n[k]; sd = sqrt(q[k] / n[k] - m * m); if (sd >= 26) printf "%s#%d#%d#%d#%d ", p, tw, th, c * tw, r * th } } }')
  per_photo_tiles[$i]="$list"
  read -r -a arr <<< "$list"; n=${#arr[@]}; ((n > maxn)) && maxn=$n
done
for ((k = 0; k < maxn; k++)); do
  for i in "${!PHOTOS[@]}"; do
    read -r -a arr <<< "${per_photo_tiles[$i]}"
    ((k < ${#arr[@]})) && TILES+=("${arr[$k]}")
  done
done
TILE_NEXT=0
take_tile() {   # sets TILE; the pool is used once, then reused with a warning (truth stays exact but shots may repeat)
  if ((TILE_NEXT == 0)); then log "${#TILES[@]} textured photo tiles from ${#PHOTOS[@]} photographs"; fi
  if ((TILE_NEXT >= ${#TILES[@]})); then
    ((TILE_NEXT == ${#TILES[@]})) && log "warning: photo tiles exhausted (${#TILES[@]}); reusing tiles, references may share shots"
  fi
  TILE="${TILES[$((TILE_NEXT % ${#TILES[@]}))]}"; TILE_NEXT=$((TILE_NEXT + 1))
}

# Real footage timeline: disjoint segments are handed out in order; when it runs out, photo shots are used.
CLIPS=(); CLIP_DUR=(); CLIP_W=(); CLIP_H=()
for c in "$REAL"/*.mp4; do
  CLIPS+=("$c"); CLIP_DUR+=("$(probe_dur "$c")")
  IFS=, read -r cw ch < <(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0 "$c")
  CLIP_W+=("$cw"); CLIP_H+=("$ch")
done
CLIP_I=0; CLIP_POS=0.5
take_clip() {   # $1 = seconds; sets CLIP_SRC CLIP_SS CLIP_CW CLIP_X, returns 1 when none left
  local len=$1
  while ((CLIP_I < ${#CLIPS[@]})); do
    if awk "BEGIN{exit !($CLIP_POS + $len + 0.3 <= ${CLIP_DUR[$CLIP_I]})}"; then
      CLIP_SRC="${CLIPS[$CLIP_I]}"; CLIP_SS=$CLIP_POS
      CLIP_CW=$(( ${CLIP_H[$CLIP_I]} * 9 / 16 / 2 * 2 ))
      rand $(( ${CLIP_W[$CLIP_I]} - CLIP_CW + 1 )); CLIP_X=$R
      CLIP_POS=$(f "$CLIP_POS + $len + 0.5")
      return 0
    fi
    CLIP_I=$((CLIP_I + 1)); CLIP_POS=0.5
  done
  return 1
}
ASL=("$REAL"/asl_gestures/*.mkv)

MUSIC=()
while IFS= read -r m; do MUSIC+=("$m"); done < <(ls "$MUSIC_DIR"/*.ogg | sort)
((${#MUSIC[@]} >= 3)) || die "not enough music in $MUSIC_DIR"
MUSIC_DUR=(); for m in "${MUSIC[@]}"; do MUSIC_DUR+=("$(probe_dur "$m")"); done
# Theme tracks: one per series (first tracks); the rest are "other music" for negatives and audio swaps.
NTHEME=$(( SERIES < ${#MUSIC[@]} - 2 ? SERIES : ${#MUSIC[@]} - 2 ))
other_music() { rand $(( ${#MUSIC[@]} - NTHEME )); OM=$(( NTHEME + R )); }

# ---------------------------------------------------------------- text
ZH_S=(我 你 他 她 总裁 少爷 大小姐 妈妈 爸爸 王总 李医生 陈律师 林秘书 师父 老板娘 小宝 管家 奶奶)
ZH_V=(早就知道 根本不相信 终于发现了 一直在等 已经忘记了 绝不会原谅 偷偷藏起了 亲手撕毁了 想要夺回 从来没提过 今天就要公开 必须保护)
ZH_O=(那份合同 这个秘密 你的身份 三年前的事 那场婚礼 公司的股份 这枚戒指 那封信 真正的凶手 我们的孩子 家里的钥匙 那笔钱 这段录音 她的日记)
ZH_E=(。 ！ ？ 吧。 呢？ ……)
EN_S=(I You He She The CEO My father Your mother The butler Grandma Doctor Li The lawyer Her sister)
EN_V=("already knew about" "will never forgive" "finally found" "has been hiding" "tore up" "wants back" "never mentioned" "must protect" "lied about" "is looking for")
EN_O=("the contract" "this secret" "your real name" "the wedding" "the company shares" "this ring" "that letter" "the real killer" "our child" "the house keys" "the money" "her diary")
TITLES_ZH=(总裁的替身新娘 重生之豪门千金 闪婚后我成了首富 战神归来 神医下山 离婚后她惊艳全球 我的契约老公 隐藏的继承人)
sentence() {   # $1 = zh|en ; sets SENT
  if [[ $1 == zh ]]; then
    rand ${#ZH_S[@]}; local s=${ZH_S[$R]}; rand ${#ZH_V[@]}; local v=${ZH_V[$R]}; rand ${#ZH_O[@]}; local o=${ZH_O[$R]}; rand ${#ZH_E[@]}
    SENT="$s$v$o${ZH_E[$R]}"
  else
    rand ${#EN_S[@]}; local s=${EN_S[$R]}; rand ${#EN_V[@]}; local v=${EN_V[$R]}; rand ${#EN_O[@]}; local o=${EN_O[$R]}
    SENT="$s $v $o."
  fi
}
textfile() {   # $1 = name, $2 = text ; echoes the path (drawtext reads text from a file: no escaping)
  local p="$OUT/cache/text/$1.txt"; printf '%s' "$2" > "$p"; echo "$p"
}
speech() {     # $1 = out wav, $2 = voice, $3 = speed, $4 = pitch, $5 = text
  [[ -s "$1" ]] || nice -n 19 espeak-ng -v "$2" -s "$3" -p "$4" -w "$1" "$5"
}

# ---------------------------------------------------------------- episodes
GRADES=("eq=saturation=1.3:contrast=1.05,colorbalance=rs=0.08:bs=-0.06"
        "colorbalance=bs=0.10:rs=-0.06,eq=saturation=0.8"
        "curves=preset=vintage"
        "eq=gamma=1.1:saturation=1.5"
        "hue=h=14:s=1.1"
        "curves=preset=cross_process")

# build_video OUT KIND SERIES EPNO DURATION
#   KIND = episode (a series episode: series intro/outro, theme, grade, photos + real footage)
#        | unrelated (own card, synthetic sources + sign-language footage, other music, other voices)
# Consumes random numbers whether or not the file already exists (determinism on resume).
build_video() {
  local out=$1 kind=$2 s=$3 ep=$4 dur=$5
  local name; name=$(basename "$out" .mp4)
  local total=$((dur * FPS)) inputs=() vf="" labels="" n=0 subs="" aud="" alabels="" na=0
  local lang=zh voice=cmn speed=150 pitch=50 typ fr a b c d e tp tw th tx ty txt ln sh tl tf
  if [[ $kind == episode ]]; then
    ((s % 2 == 1)) && { lang=en; voice=en-us; }
  else
    rand 2; ((R == 0)) && { lang=en; voice=en-gb-scotland; speed=140; pitch=30; } || { pitch=25; speed=135; }
  fi
  local title
  if [[ $kind == episode ]]; then title="《${TITLES_ZH[$((s % ${#TITLES_ZH[@]}))]}》"; else rand ${#TITLES_ZH[@]}; title="〈${TITLES_ZH[$R]}·外传 $ep〉"; fi
  # card shots: intro (3 s) and outro (2 s). Series cards use the series' own two tiles (shared by all its episodes).
  local intro_f=$((3 * FPS)) outro_f=$((2 * FPS))
  local body_f=$((total - intro_f - outro_f)) t_f=0
  local shots=()   # "type|frames|..."
  shots+=("card|$intro_f|intro")
  local used=0 cnt=0
  while ((used < body_f)); do
    local len
    if [[ $kind == episode ]]; then
      if ((cnt % 3 == 1)); then rand 2; len=$(( (4 + R) * FPS )); else rand 3; len=$(( (6 + R) * FPS )); fi
      ((used + len > body_f || body_f - used - len < 2 * FPS)) && len=$((body_f - used))
      if ((cnt % 3 == 1)) && take_clip "$(f "$len / $FPS")"; then
        shots+=("clip|$len|$CLIP_SRC|$CLIP_SS|$CLIP_CW|$CLIP_X")
      else
        take_tile; rand 3; local mode=$R; rand 100; local px=$R; rand 100
        shots+=("photo|$len|$TILE|$mode|$px|$R")
      fi
    else
      rand 4; len=$(( (4 + R) * FPS ))
      ((used + len > body_f || body_f - used - len < 2 * FPS)) && len=$((body_f - used))
      rand 5
      case $R in
        0|1) rand ${#ASL[@]}; local a1=$R; rand ${#ASL[@]}; shots+=("asl|$len|${ASL[$a1]}|${ASL[$R]}") ;;
        2) rand 100000; shots+=("life|$len|$R") ;;
        3) rand 256; shots+=("cellauto|$len|$R") ;;
        4) rand 100000; shots+=("gradients|$len|$R") ;;
      esac
    fi
    used=$((used + len)); cnt=$((cnt + 1))
  done
  shots+=("card|$outro_f|outro")
  # dialogue: one line per body shot, starting 0.4 s into the shot
  local lines=() t=0
  for sh in "${shots[@]}"; do
    IFS='|' read -r typ fr _ <<< "$sh"
    if [[ $typ != card ]]; then sentence $lang; lines+=("$t|$((t + fr))|$SENT"); fi
    t=$((t + fr))
  done
  # music
  local mi ms
  if [[ $kind == episode ]]; then mi=$((s % NTHEME)); else other_music; mi=$OM; fi
  local mdur=${MUSIC_DUR[$mi]}
  rand 1000; ms=$(f "8 + ($mdur - $dur - 16) * $R / 1000"); awk "BEGIN{exit !($ms < 0)}" && ms=0
  rand 2; local transition=$R

  if [[ -s "$out" ]]; then log "have $name"; return 0; fi
  log "building $name ($kind, ${dur}s, ${#shots[@]} shots, ${lang})"
  local grade="null"; [[ $kind == episode ]] && grade="${GRADES[$((s % ${#GRADES[@]}))]}"
  local card_tile1 card_tile2
  if [[ $kind == episode ]]; then card_tile1="${SERIES_TILE1[$s]}"; card_tile2="${SERIES_TILE2[$s]}"; fi
  for sh in "${shots[@]}"; do
    IFS='|' read -r typ fr a b c d e <<< "$sh"
    case $typ in
      card)
        if [[ $kind == episode ]]; then
          local tl; [[ $a == intro ]] && tl=$card_tile1 || tl=$card_tile2
          IFS='#' read -r tp tw th tx ty <<< "$tl"
          inputs+=(-i "$tp")
          local tf; [[ $a == intro ]] && tf=$(textfile "title-s$s" "$title") || tf=$(textfile "outro" "未完待续")
          vf+="[$n:v]crop=$tw:$th:$tx:$ty,scale=864:1536,setsar=1,zoompan=z='1+0.12*on/$fr':x='(iw-iw/zoom)/2':y='(ih-ih/zoom)/2':d=$fr:s=${W}x${H}:fps=$FPS,drawbox=x=0:y=ih*0.38:w=iw:h=ih*0.2:color=black@0.55:t=fill,drawtext=fontfile=$FONT:textfile=$tf:fontsize=64:fontcolor=gold:borderw=3:x=(w-text_w)/2:y=h*0.43"
          # the episode number is the only thing that differs between the intro cards of a series
          [[ $a == intro ]] && vf+=",drawtext=fontfile=$FONT:textfile=$(textfile "ep$ep" "第${ep}集"):fontsize=40:fontcolor=white:x=(w-text_w)/2:y=h*0.51"
        else
          inputs+=(-f lavfi -i "gradients=s=360x640:r=$FPS:seed=$((ep * 7919 + 1)):speed=0.02:n=3")
          local tf; [[ $a == intro ]] && tf=$(textfile "$name-title" "$title") || tf=$(textfile "$name-outro" "感谢观看  Thanks for watching")
          vf+="[$n:v]scale=$W:$H,setsar=1,drawtext=fontfile=$FONT:textfile=$tf:fontsize=52:fontcolor=white:borderw=2:x=(w-text_w)/2:y=h*0.45"
        fi ;;
      photo)
        IFS='#' read -r tp tw th tx ty <<< "$a"
        inputs+=(-i "$tp")
        local z x y
        case $b in
          0) z="1+0.18*on/$fr"; x="(iw-iw/zoom)*$c/100"; y="(ih-ih/zoom)*$d/100" ;;   # zoom in
          1) z="1.18-0.18*on/$fr"; x="(iw-iw/zoom)*$c/100"; y="(ih-ih/zoom)*$d/100" ;; # zoom out
          2) z="1.2"; x="(iw-iw/zoom)*on/$fr"; y="(ih-ih/zoom)*$d/100" ;;             # pan
        esac
        vf+="[$n:v]crop=$tw:$th:$tx:$ty,scale=864:1536,setsar=1,zoompan=z='$z':x='$x':y='$y':d=$fr:s=${W}x${H}:fps=$FPS" ;;
      clip)
        inputs+=(-ss "$b" -t "$(f "$fr / $FPS + 1")" -i "$a")
        vf+="[$n:v]fps=$FPS,crop=$c:ih:$d:0,scale=$W:$H,setsar=1" ;;
      asl)
        inputs+=(-i "$a" -i "$b")
        vf+="[$n:v][$((n + 1)):v]concat=n=2:v=1:a=0,fps=$FPS,crop=ih*9/16:ih,scale=$W:$H,setsar=1,loop=loop=-1:size=200"
        n=$((n + 1)) ;;
      life)
        inputs+=(-f lavfi -i "life=s=180x320:r=$FPS:seed=$a:ratio=0.2:mold=8:life_color=#40C0FF:death_color=#201040,scale=$W:$H:flags=neighbor")
        vf+="[$n:v]setsar=1" ;;
      cellauto)
        inputs+=(-f lavfi -i "cellauto=s=360x640:r=$FPS:rule=$a:random_fill_ratio=0.5:scroll=1,scale=$W:$H,colorchannelmixer=rr=0.9:gg=0.4:bb=0.2")
        vf+="[$n:v]setsar=1" ;;
      gradients)
        inputs+=(-f lavfi -i "gradients=s=360x640:r=$FPS:seed=$a:speed=0.05:n=5:type=radial,scale=$W:$H")
        vf+="[$n:v]setsar=1" ;;
    esac
    vf+=",format=yuv420p,tpad=stop_mode=clone:stop_duration=2,trim=end_frame=$fr,setpts=PTS-STARTPTS[v$n];"
    labels+="[v$n]"; n=$((n + 1))
  done
  local nshots=${#shots[@]}
  vf+="${labels}concat=n=$nshots:v=1:a=0,$grade"
  local li=0
  for ln in "${lines[@]}"; do
    IFS='|' read -r a b txt <<< "$ln"
    local tf; tf=$(textfile "$name-l$li" "$txt")
    vf+=",drawtext=fontfile=$FONT:textfile=$tf:fontsize=$([[ $lang == zh ]] && echo 40 || echo 34):fontcolor=white:borderw=2:box=1:boxcolor=black@0.35:boxborderw=8:x=(w-text_w)/2:y=h*0.80:enable='between(t,$(f "$a / $FPS + 0.2"),$(f "$b / $FPS - 0.2"))'"
    li=$((li + 1))
  done
  vf+=",format=yuv420p[vout];"
  # audio: theme in the cards, theme (quieter, own offset) under the dialogue in the body
  local intro_s=3 outro_s=2 body_s=$((dur - 5))
  inputs+=(-i "${MUSIC[$mi]}"); local m0=$n; n=$((n + 1))
  inputs+=(-ss "$ms" -i "${MUSIC[$mi]}"); local m1=$n; n=$((n + 1))
  aud+="[$m0:a]aresample=48000,aformat=channel_layouts=stereo,asplit[mi][mo];"
  aud+="[mi]atrim=0:$intro_s,afade=t=out:st=$(f "$intro_s - 0.3"):d=0.3,volume=0.8[ai];"
  aud+="[mo]atrim=3:$((3 + outro_s)),asetpts=PTS-STARTPTS,afade=t=in:d=0.3,volume=0.8,adelay=$(( (dur - outro_s) * 1000 )):all=1[ao];"
  aud+="[$m1:a]aresample=48000,aformat=channel_layouts=stereo,atrim=0:$body_s,afade=t=in:d=0.5,afade=t=out:st=$(f "$body_s - 0.5"):d=0.5,volume=0.22,adelay=$((intro_s * 1000)):all=1[ab];"
  alabels="[ai][ao][ab]"; na=3
  li=0
  for ln in "${lines[@]}"; do
    IFS='|' read -r a b txt <<< "$ln"
    local wav="$OUT/cache/speech/$name-l$li.wav"
    speech "$wav" "$voice" "$speed" "$pitch" "$txt"
    inputs+=(-i "$wav")
    aud+="[$n:a]aresample=48000,aformat=channel_layouts=stereo,atrim=0:$(f "($b - $a) / $FPS - 0.6"),adelay=$(fi_ "($a / $FPS + 0.4) * 1000"):all=1[al$li];"
    alabels+="[al$li]"; na=$((na + 1)); n=$((n + 1)); li=$((li + 1))
  done
  aud+="${alabels}amix=inputs=$na:normalize=0:duration=longest,apad=whole_dur=$dur,atrim=0:$dur[aout]"
  "${FF[@]}" "${inputs[@]}" -filter_complex "$vf$aud" -map '[vout]' -map '[aout]' \
    "${VENC[@]}" -crf 20 -g 50 -r $FPS "${AENC[@]}" -b:a 128k -t "$dur" "$out.tmp.mp4"
  mv "$out.tmp.mp4" "$out"
}

# ---------------------------------------------------------------- plan references and negatives
SERIES_TILE1=(); SERIES_TILE2=()
for ((s = 0; s < SERIES; s++)); do take_tile; SERIES_TILE1[$s]=$TILE; take_tile; SERIES_TILE2[$s]=$TILE; done

REF_ID=(); REF_PATH=(); REF_DUR=(); REF_SERIES=()
nrefs=$((SERIES * EPISODES))
log "corpus: $SERIES series x $EPISODES episodes, $NEG negatives, $QPT copies per transformation -> $OUT"
k=0
for ((s = 0; s < SERIES; s++)); do
  for ((e = 1; e <= EPISODES; e++)); do
    rand $((EP_MAX - EP_MIN + 1)); dur=$((EP_MIN + R))
    id=$(printf 's%02de%02d' "$s" "$e")
    k=$((k + 1)); log "reference $k/$nrefs"
    build_video "$OUT/references/$id.mp4" episode "$s" "$e" "$dur"
    REF_ID+=("$id"); REF_PATH+=("references/$id.mp4"); REF_DUR+=("$dur"); REF_SERIES+=("s$(printf %02d "$s")")
  done
done
NEG_PATH=(); NEG_KIND=()
for ((i = 0; i < NEG; i++)); do
  if ((i % 2 == 0 && SERIES > 0)); then
    s=$(( (i / 2) % SERIES )); e=$((EPISODES + 1 + i / (2 * SERIES)))
    rand $((EP_MAX - EP_MIN + 1)); dur=$((EP_MIN + R))
    p="negatives/$(printf 'held-out-s%02de%02d' "$s" "$e").mp4"
    log "negative $((i + 1))/$NEG (held-out episode of series $s)"
    build_video "$OUT/$p" episode "$s" "$e" "$dur"; NEG_KIND+=("negative-series")
  else
    rand 31; dur=$((30 + R))
    p="negatives/$(printf 'unrelated-%02d' "$i").mp4"
    log "negative $((i + 1))/$NEG (unrelated)"
    build_video "$OUT/$p" unrelated 0 "$i" "$dur"; NEG_KIND+=("negative-unrelated")
  fi
  NEG_PATH+=("$p")
done

# ---------------------------------------------------------------- pirated copies
QUERIES_JSON=()
add_query() {   # $1 path, $2 transformation, $3 expected JSON array
  QUERIES_JSON+=("    {\"path\": \"$1\", \"transformation\": \"$2\", \"expected\": $3}")
}
for i in "${!NEG_PATH[@]}"; do add_query "${NEG_PATH[$i]}" "${NEG_KIND[$i]}" "[]"; done

TRANSFORMS=(reencode crop80-center crop80-offcenter mirror speed1.25 speed1.25-pitch blurbg-9x16 blurbg-16x9 letterbox logo-subtitle audio-replaced pip45 mirror-speed1.1-crop-letterbox)
SUB_TF=$(textfile logo-sub "关注我，每天更新精彩短剧！")
LOGO_TF=$(textfile logo "@短剧搬运工 8899")
PRE_TF=$(textfile preroll "搬运工频道 · 今日推荐")
qn=0
for ti in "${!TRANSFORMS[@]}"; do
  t=${TRANSFORMS[$ti]}
  for ((q = 0; q < QPT; q++)); do
    ri=$(( (ti * QPT + q) % nrefs )); ref="$OUT/${REF_PATH[$ri]}"; D=${REF_DUR[$ri]}
    rand 31; a=$(f "$R / 10"); rand 31; b=$(f "$D - $R / 10")
    pre=0; ((q % 2 == 1)) && pre=2
    r=1; vspeed=""; aspeed=""
    case $t in
      speed1.25) r=1.25; vspeed=",setpts=PTS/1.25"; aspeed=",atempo=1.25" ;;
      speed1.25-pitch) r=1.25; vspeed=",setpts=PTS/1.25"; aspeed=",asetrate=60000,aresample=48000" ;;
      mirror-speed1.1-crop-letterbox) r=1.1; vspeed=",setpts=PTS/1.1"; aspeed=",atempo=1.1" ;;
    esac
    other_music; om=$OM; rand 1000; oms=$(f "5 + ${MUSIC_DUR[$om]} * 0.5 * $R / 1000")
    rand 4; cx=$R
    qlen=$(f "($b - $a) / $r")
    qs=$pre; qe=$(f "$pre + $qlen")
    name=$(printf '%s-%02d-%s' "$t" "$q" "${REF_ID[$ri]}")
    out="queries/$name.mp4"
    add_query "$out" "$t" "[{\"referenceId\": \"${REF_ID[$ri]}\", \"queryStart\": $qs, \"queryEnd\": $qe, \"referenceStart\": $a, \"referenceEnd\": $b}]"
    qn=$((qn + 1))
    [[ -s "$OUT/$out" ]] && { log "have $name"; continue; }
    log "copy $qn: $name"
    ow=$W; oh=$H; extra_in=(); venc=(-c:v libx264 -preset superfast -threads "$THREADS" -pix_fmt yuv420p -movflags +faststart -crf 24 -g 250)
    src="[0:v]trim=start=$a:end=$b,setpts=PTS-STARTPTS$vspeed"
    asrc="[0:a]atrim=start=$a:end=$b,asetpts=PTS-STARTPTS$aspeed"
    case $t in
      reencode) ow=540; oh=960; vf="$src,scale=540:960,fps=24[vt]"; venc=(-c:v libx264 -preset medium -threads "$THREADS" -pix_fmt yuv420p -b:v 450k -maxrate 600k -bufsize 900k -g 300 -bf 3) ;;
      crop80-center) vf="$src,crop=576:1024:72:128,scale=$W:$H,setsar=1[vt]" ;;
      crop80-offcenter) xs=(0 144 0 144); ys=(0 0 256 256); vf="$src,crop=576:1024:${xs[$cx]}:${ys[$cx]},scale=$W:$H,setsar=1[vt]" ;;
      mirror) vf="$src,hflip[vt]" ;;
      speed1.25|speed1.25-pitch) vf="$src[vt]" ;;
      blurbg-9x16) vf="$src,split[x][y];[x]crop=iw*0.6:ih*0.6,scale=90:160,boxblur=6:2,scale=$W:$H[bg];[y]scale=504:896[fg];[bg][fg]overlay=(W-w)/2:(H-h)/2,setsar=1[vt]" ;;
      blurbg-16x9) ow=1280; oh=720; vf="$src,split[x][y];[x]crop=iw:iw*9/16,scale=160:90,boxblur=6:2,scale=1280:720[bg];[y]scale=404:720[fg];[bg][fg]overlay=(W-w)/2:0,setsar=1[vt]" ;;
      letterbox) ow=1280; oh=720; vf="$src,scale=404:720,pad=1280:720:(ow-iw)/2:0:black,setsar=1[vt]" ;;
      logo-subtitle) vf="$src,drawbox=x=0:y=ih*0.86:w=iw:h=ih*0.09:color=0x101010@0.85:t=fill,drawtext=fontfile=$FONT:textfile=$SUB_TF:fontsize=38:fontcolor=yellow:x=(w-text_w)/2:y=h*0.885,drawbox=x=iw-170:y=40:w=130:h=130:color=red@0.7:t=fill,drawtext=fontfile=$FONT:textfile=$LOGO_TF:fontsize=30:fontcolor=white:box=1:boxcolor=black@0.5:x=30:y=60[vt]" ;;
      audio-replaced) vf="$src[vt]"; extra_in=(-ss "$oms" -i "${MUSIC[$om]}"); asrc="[1:a]aresample=48000,aformat=channel_layouts=stereo,atrim=0:$qlen,asetpts=PTS-STARTPTS" ;;
      pip45)
        bgi=-1
        for ni in "${!NEG_KIND[@]}"; do [[ ${NEG_KIND[$ni]} == negative-unrelated ]] && { bgi=$ni; break; }; done
        if ((bgi >= 0)); then
          # unrelated footage: an unrelated negative, looped
          extra_in=(-stream_loop -1 -i "$OUT/${NEG_PATH[$bgi]}")
          bg="[1:v]scale=$W:$H,setsar=1,trim=duration=$qlen,setpts=PTS-STARTPTS[bg]"; bga="[1:a]atrim=0:$qlen,asetpts=PTS-STARTPTS,volume=0.8[ba]"
        else
          extra_in=(-f lavfi -i "life=s=180x320:r=$FPS:seed=7:mold=8,scale=$W:$H:flags=neighbor,format=yuv420p" -f lavfi -i "sine=f=330:r=48000")
          bg="[1:v]setsar=1,trim=duration=$qlen,setpts=PTS-STARTPTS[bg]"; bga="[2:a]atrim=0:$qlen,aformat=channel_layouts=stereo,volume=0.2[ba]"
        fi
        vf="$bg;$src,scale=324:576[fg];[bg][fg]overlay=W-w-48:H*0.18,setsar=1[vt]"
        asrc="$asrc,aresample=48000,aformat=channel_layouts=stereo[fa];$bga;[fa][ba]amix=inputs=2:normalize=0:duration=first" ;;
      mirror-speed1.1-crop-letterbox) ow=1280; oh=720; vf="$src,hflip,crop=576:1024:72:128,scale=404:720,pad=1280:720:(ow-iw)/2:0:black,setsar=1[vt]" ;;
    esac
    if ((pre > 0)); then
      # a 2 s uploader pre-roll before the copied part
      vf+=";color=c=0x303048:s=${ow}x${oh}:r=$FPS:d=$pre,format=yuv420p,setsar=1,drawtext=fontfile=$FONT:textfile=$PRE_TF:fontsize=36:fontcolor=white:x=(w-text_w)/2:y=(h-text_h)/2[pv];[vt]fps=$FPS,format=yuv420p[vt2];[pv][vt2]concat=n=2:v=1:a=0[v]"
      af="$asrc,aresample=48000,aformat=channel_layouts=stereo[at];anullsrc=r=48000:cl=stereo,atrim=0:$pre[pa];[pa][at]concat=n=2:v=0:a=1[a]"
    else
      vf+=";[vt]null[v]"; af="$asrc,aresample=48000,aformat=channel_layouts=stereo[a]"
    fi
    "${FF[@]}" -i "$ref" "${extra_in[@]}" -filter_complex "$vf;$af" -map '[v]' -map '[a]' "${venc[@]}" "${AENC[@]}" -b:a 96k "$OUT/$out.tmp.mp4"
    mv "$OUT/$out.tmp.mp4" "$OUT/$out"
  done
done

# Compilations: 3-5 excerpts of 4-10 s from different episodes, hard cuts or 0.5 s cross-fades.
NCOMP=$QPT
for ((c = 0; c < NCOMP; c++)); do
  rand 3; m=$((3 + R)); ((m > nrefs)) && m=$nrefs
  picks=(); starts=(); lens=()
  for ((j = 0; j < m; j++)); do
    while :; do rand $nrefs; ri=$R; dup=0; for p in "${picks[@]:-}"; do [[ "$p" == "$ri" ]] && dup=1; done; ((dup == 0)) && break; done
    picks+=("$ri"); rand 61; len=$(f "4 + $R / 10"); D=${REF_DUR[$ri]}
    rand 1000; st=$(f "3.5 + ($D - 2.5 - 3.5 - $len) * $R / 1000")
    starts+=("$st"); lens+=("$len")
  done
  fade=$((c % 2)); xd=0.5
  name=$(printf 'compilation-%02d' "$c"); out="queries/$name.mp4"
  exp=""; qpos=0; inputs=(); vf=""; af=""
  for ((j = 0; j < m; j++)); do
    ri=${picks[$j]}; st=${starts[$j]}; len=${lens[$j]}
    qs=$qpos; qe=$(f "$qpos + $len")
    [[ -n "$exp" ]] && exp+=", "
    exp+="{\"referenceId\": \"${REF_ID[$ri]}\", \"queryStart\": $qs, \"queryEnd\": $qe, \"referenceStart\": $st, \"referenceEnd\": $(f "$st + $len")}"
    if ((fade)); then qpos=$(f "$qe - $xd"); else qpos=$qe; fi
    inputs+=(-i "$OUT/${REF_PATH[$ri]}")
    vf+="[$j:v]trim=start=$st:duration=$len,setpts=PTS-STARTPTS,fps=$FPS,format=yuv420p[v$j];"
    af+="[$j:a]atrim=start=$st:duration=$len,asetpts=PTS-STARTPTS[a$j];"
  done
  add_query "$out" "compilation" "[$exp]"
  [[ -s "$OUT/$out" ]] && { log "have $name"; continue; }
  log "compilation $((c + 1))/$NCOMP ($m excerpts, $([[ $fade == 1 ]] && echo cross-fades || echo cuts))"
  if ((fade)); then
    prev="[v0]"; preva="[a0]"; off=0
    for ((j = 1; j < m; j++)); do
      off=$(f "$off + ${lens[$((j - 1))]} - $xd")
      vf+="$prev[v$j]xfade=transition=fade:duration=$xd:offset=$off[x$j];"; prev="[x$j]"
      af+="$preva[a$j]acrossfade=d=$xd[y$j];"; preva="[y$j]"
    done
    graph="$vf$af${prev}null[v];${preva}anull[a]"
  else
    cat=""; for ((j = 0; j < m; j++)); do cat+="[v$j][a$j]"; done
    graph="$vf$af${cat}concat=n=$m:v=1:a=1[v][a]"
  fi
  "${FF[@]}" "${inputs[@]}" -filter_complex "$graph" -map '[v]' -map '[a]' "${VENC[@]}" -crf 23 -g 250 "${AENC[@]}" -b:a 96k "$OUT/$out.tmp.mp4"
  mv "$OUT/$out.tmp.mp4" "$OUT/$out"
done

# ---------------------------------------------------------------- ground truth
{
  echo "{"
  echo "  \"generator\": \"bench/corpus/make-corpus.sh\","
  echo "  \"seed\": $SEED, \"series\": $SERIES, \"episodesPerSeries\": $EPISODES, \"negatives\": $NEG, \"copiesPerTransformation\": $QPT,"
  echo "  \"note\": \"times in seconds; query [queryStart,queryEnd] shows reference [referenceStart,referenceEnd]; speed ratio = (referenceEnd-referenceStart)/(queryEnd-queryStart); paths relative to this file\","
  echo "  \"references\": ["
  for i in "${!REF_ID[@]}"; do
    sep=","; ((i == ${#REF_ID[@]} - 1)) && sep=""
    echo "    {\"id\": \"${REF_ID[$i]}\", \"path\": \"${REF_PATH[$i]}\", \"duration\": ${REF_DUR[$i]}, \"series\": \"${REF_SERIES[$i]}\"}$sep"
  done
  echo "  ],"
  echo "  \"queries\": ["
  for i in "${!QUERIES_JSON[@]}"; do
    sep=","; ((i == ${#QUERIES_JSON[@]} - 1)) && sep=""
    echo "${QUERIES_JSON[$i]}$sep"
  done
  echo "  ]"
  echo "}"
} > "$OUT/truth.json.tmp"
mv "$OUT/truth.json.tmp" "$OUT/truth.json"
rm -rf "$OUT/cache/tmp"
log "done: ${#REF_ID[@]} references, ${#QUERIES_JSON[@]} queries, $(du -sh "$OUT" | cut -f1) in $OUT"
